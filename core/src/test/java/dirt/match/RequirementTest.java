package dirt.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RequirementTest {

    @Test
    void is_line_reads_key_then_value() {
        assertThat(Requirement.parse("architecture is x86_64"))
                .isEqualTo(new Requirement("architecture", Operator.IS, "x86_64"));
    }

    @Test
    void not_line_reads_key_then_value() {
        assertThat(Requirement.parse("platform not windows"))
                .isEqualTo(new Requirement("platform", Operator.NOT, "windows"));
    }

    @Test
    void in_line_reads_value_then_key() {
        assertThat(Requirement.parse("G4INSTALL in environ"))
                .isEqualTo(new Requirement("environ", Operator.IN, "G4INSTALL"));
    }

    @Test
    void not_in_line_reads_value_then_key() {
        assertThat(Requirement.parse("/opt/bin not_in path"))
                .isEqualTo(new Requirement("path", Operator.NOT_IN, "/opt/bin"));
    }

    @Test
    void extra_whitespace_between_and_around_words_is_ignored() {
        assertThat(Requirement.parse("  architecture \t is   x86_64 "))
                .isEqualTo(new Requirement("architecture", Operator.IS, "x86_64"));
    }

    @Test
    void line_is_written_back_in_the_order_it_is_read() {
        assertThat(Requirement.parse("G4INSTALL  in environ").line()).isEqualTo("G4INSTALL in environ");
        assertThat(Requirement.parse("architecture is  x86_64").line()).isEqualTo("architecture is x86_64");
    }

    @Test
    void unknown_operator_is_quoted_with_the_operators_to_use() {
        assertThatThrownBy(() -> Requirement.parse("arch equals x86_64"))
                .isInstanceOf(RequirementSyntaxException.class)
                .hasMessage("invalid requirement \"arch equals x86_64\": unknown operator \"equals\" — "
                        + "use one of is, not, in, not_in");
    }

    @Test
    void operators_are_lowercase_only() {
        assertThatThrownBy(() -> Requirement.parse("arch IS x86_64"))
                .hasMessage("invalid requirement \"arch IS x86_64\": unknown operator \"IS\" — "
                        + "use one of is, not, in, not_in");
    }

    @Test
    void line_with_two_words_names_the_expected_shapes() {
        assertThatThrownBy(() -> Requirement.parse("architecture x86_64"))
                .hasMessage("invalid requirement \"architecture x86_64\": expected 3 words (\"key is value\", "
                        + "\"key not value\", \"value in key\" or \"value not_in key\"), got 2");
    }

    @Test
    void line_with_four_words_is_rejected() {
        assertThatThrownBy(() -> Requirement.parse("architecture is x86 64"))
                .hasMessageEndingWith("got 4");
    }

    @Test
    void blank_line_is_rejected_and_quoted() {
        assertThatThrownBy(() -> Requirement.parse("  "))
                .hasMessageStartingWith("invalid requirement \"  \": expected 3 words")
                .hasMessageEndingWith("got 0");
    }

    @Test
    void exception_keeps_the_line_and_the_reason_apart() {
        RequirementSyntaxException e = org.junit.jupiter.api.Assertions.assertThrows(
                RequirementSyntaxException.class, () -> Requirement.parse("a b c"));
        assertThat(e.line()).isEqualTo("a b c");
        assertThat(e.reason()).isEqualTo("unknown operator \"b\" — use one of is, not, in, not_in");
    }
}
