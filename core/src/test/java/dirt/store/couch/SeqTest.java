package dirt.store.couch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

class SeqTest {

    @Test
    void a_string_seq_is_passed_back_verbatim() {
        Seq seq = new Seq(TextNode.valueOf("12-g1AAAAB5eJzLYWBg4MhgTmHgz8tPSTV0MDQy1zMAQsMcoEQiQ1L9____szKYE1lygQLsZsmmaYapJtjkcBu"));

        assertThat(seq.parameter()).isEqualTo(seq.value().textValue());
    }

    @Test
    void a_number_seq_is_passed_back_as_its_json_text() {
        assertThat(new Seq(IntNode.valueOf(42)).parameter()).isEqualTo("42");
    }

    @Test
    void a_seq_survives_storing_as_json() {
        Seq text = new Seq(TextNode.valueOf("3-abc"));
        Seq number = new Seq(IntNode.valueOf(3));

        assertThat(Seq.fromJson(text.json())).isEqualTo(text);
        assertThat(Seq.fromJson(number.json())).isEqualTo(number);
        assertThat(Seq.fromJson(number.json())).isNotEqualTo(Seq.fromJson("\"3\""));
    }
}
