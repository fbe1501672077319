package dirt.serve.claim;

import static org.assertj.core.api.Assertions.assertThat;

import dirt.node.NodeName;
import dirt.serve.ServerId;
import dirt.store.Store;
import dirt.store.couch.CouchServerExtension;
import dirt.store.couch.TestCouch;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Slot leases on the real CouchDB-compatible server, with clocks the test moves. */
@ExtendWith(CouchServerExtension.class)
class SlotsTest {
    private static final NodeName NODE = new NodeName("n1");
    private static final Instant T0 = Instant.parse("2026-11-22T12:00:00Z");

    private Store store;
    private final MovableClock clock = new MovableClock();

    @BeforeEach
    void fresh_database(TestCouch couch) {
        store = TestCouch.store(couch.newDatabase());
    }

    private Slots server(String name, long pid) {
        return new Slots(store, new ServerId(name, "elsewhere", pid, 1), clock);
    }

    private static Optional<Integer> acquire(Slots slots, int count, String taskId, int attempt) {
        return slots.acquireAll(List.of(new Slots.Want(NODE, count, taskId))).get(0);
    }

    @Test
    void two_servers_never_hold_more_slots_than_the_node_has() {
        Slots one = server("one", 1);
        Slots two = server("two", 2);

        assertThat(acquire(one, 2, "t1", 1)).contains(0);
        assertThat(acquire(two, 2, "t2", 1)).as("two has not seen slot 0 taken: 409, then slot 1").contains(1);
        assertThat(acquire(one, 2, "t3", 1)).isEmpty();
        assertThat(acquire(two, 2, "t3", 1)).isEmpty();
        assertThat(one.busy(NODE, 2)).isEqualTo(2);
    }

    @Test
    void one_write_takes_a_slot_for_each_want_and_two_wants_for_a_node_get_two_slots() {
        Slots one = server("one", 1);

        var taken = one.acquireAll(List.of(new Slots.Want(NODE, 2, "t1"), new Slots.Want(NODE, 2, "t2"),
                new Slots.Want(NODE, 2, "t3")));

        assertThat(taken).containsExactly(Optional.of(0), Optional.of(1), Optional.empty());
        assertThat(server("two", 2).fresh(NODE, 1)).get().satisfies(slot -> assertThat(slot.server())
                .map(ServerId::name).contains("one"));
    }

    @Test
    void a_slot_whose_run_ended_goes_to_the_next_task_on_that_node_without_a_write() {
        Slots one = server("one", 1);
        acquire(one, 1, "t1", 1);
        String before = one.fresh(NODE, 0).orElseThrow().rev().orElseThrow();

        one.park(NODE, 0, "t1");

        assertThat(one.busy(NODE, 1)).as("a kept slot counts as free for this server's next task").isZero();
        assertThat(acquire(one, 1, "t2", 1)).contains(0);
        Slots.Slot slot = one.fresh(NODE, 0).orElseThrow();
        assertThat(slot.server()).map(ServerId::name).contains("one");
        assertThat(slot.rev()).as("no write: the slot names its holder, not the task").contains(before);
        assertThat(one.busy(NODE, 1)).isEqualTo(1);
        one.release(NODE, 0, "t1");
        assertThat(one.fresh(NODE, 0).orElseThrow().isTaken()).as("t1's release does not free t2's slot").isTrue();
        one.release(NODE, 0, "t2");
        assertThat(one.fresh(NODE, 0).orElseThrow().isTaken()).isFalse();
    }

    @Test
    void a_kept_slot_that_no_task_took_for_a_second_is_freed_for_other_servers() {
        Slots one = server("one", 1);
        Slots two = server("two", 2);
        acquire(one, 1, "t1", 1);
        one.park(NODE, 0, "t1");

        one.releaseParked();
        assertThat(one.fresh(NODE, 0).orElseThrow().isTaken()).as("kept for this server's next task a while")
                .isTrue();
        clock.at(T0.plus(Slots.KEEP_IDLE));
        one.releaseParked();

        assertThat(one.fresh(NODE, 0).orElseThrow().isTaken()).isFalse();
        assertThat(acquire(two, 1, "t2", 1)).contains(0);
    }

    @Test
    void a_slot_held_for_its_whole_worklife_is_freed_when_its_run_ends() {
        Slots one = server("one", 1);
        acquire(one, 1, "t1", 1);
        clock.at(T0.plus(Slots.WORKLIFE));

        one.park(NODE, 0, "t1");

        assertThat(one.fresh(NODE, 0).orElseThrow().isTaken()).isFalse();
        assertThat(acquire(one, 1, "t2", 1)).as("left to other servers for a moment").isEmpty();
        assertThat(acquire(server("two", 2), 1, "t3", 1)).contains(0);
    }

    @Test
    void a_freed_slot_can_be_taken_again() {
        Slots one = server("one", 1);
        Slots two = server("two", 2);
        acquire(one, 1, "t1", 1);

        one.release(NODE, 0, "t1");

        assertThat(acquire(two, 1, "t2", 1)).contains(0);
    }

    @Test
    void a_lease_that_ran_out_is_stale_only_after_the_grace_seen_by_the_other_server() {
        Slots dead = server("dead", 1);
        Slots live = server("live", 2);
        acquire(dead, 1, "t1", 4);
        live.fresh(NODE, 0);

        clock.at(T0.plus(Slots.LEASE).plusSeconds(1));
        assertThat(live.stale("here")).as("first seen out").isEmpty();
        clock.at(T0.plus(Slots.LEASE).plus(Slots.GRACE).plusSeconds(1));
        assertThat(live.stale("here")).singleElement().satisfies(slot -> assertThat(slot.server())
                .map(ServerId::name).contains("dead"));
        assertThat(live.clear(live.stale("here").get(0))).isTrue();
        assertThat(acquire(live, 1, "t2", 1)).contains(0);
    }

    @Test
    void a_renewed_lease_is_never_stale() {
        Slots holder = server("holder", 1);
        Slots other = server("other", 2);
        acquire(holder, 1, "t1", 1);
        for (int i = 1; i <= 6; i++) {
            clock.at(T0.plus(Slots.RENEW_EVERY.multipliedBy(i)));
            assertThat(holder.renew()).isEmpty();
            other.fresh(NODE, 0);
            assertThat(other.stale("here")).isEmpty();
        }
    }

    @Test
    void a_holder_whose_process_is_gone_from_this_host_is_stale_at_once() {
        Slots dead = new Slots(store, new ServerId("dead", "here", Long.MAX_VALUE - 1, 1), clock);
        Slots restarted = server("restarted", 2);
        acquire(dead, 1, "t1", 1);
        restarted.fresh(NODE, 0);

        assertThat(restarted.stale("here")).hasSize(1);
    }

    @Test
    void a_server_that_lost_its_slot_is_told_which_run_to_stop() {
        Slots slow = server("slow", 1);
        Slots other = server("other", 2);
        acquire(slow, 1, "t1", 1);
        other.fresh(NODE, 0);
        clock.at(T0.plus(Slots.LEASE).plusSeconds(1));
        other.stale("here");
        clock.at(T0.plus(Slots.LEASE).plus(Slots.GRACE).plusSeconds(2));
        other.clear(other.stale("here").get(0));
        acquire(other, 1, "t2", 1);

        assertThat(slow.renew()).containsExactly("t1");
        assertThat(slow.fresh(NODE, 0).orElseThrow().server()).map(ServerId::name).contains("other");
    }

    private static final class MovableClock extends Clock {
        private volatile Instant now = T0;

        void at(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void random_takes_parks_and_releases_by_two_servers_never_put_two_runs_in_one_slot() {
        java.util.Random random = new java.util.Random(42);
        Slots[] servers = {server("one", 1), server("two", 2)};
        java.util.Map<Integer, String> runs = new java.util.HashMap<>(); // slot index -> "server:task"
        java.util.List<java.util.List<String[]>> mine = java.util.List.of(new java.util.ArrayList<>(),
                new java.util.ArrayList<>()); // per server: {task, slot}
        int task = 0;
        for (int step = 0; step < 3000; step++) {
            int s = random.nextInt(2);
            Slots slots = servers[s];
            int op = random.nextInt(4);
            if (op == 0) {
                String id = "t" + task++;
                Optional<Integer> got = acquire(slots, 2, id, 1);
                if (got.isPresent()) {
                    String before = runs.put(got.get(), s + ":" + id);
                    assertThat(before).as("step %d: server %d took slot %d for %s while %s ran in it", step, s,
                            got.get(), id, before).isNull();
                    mine.get(s).add(new String[] {id, String.valueOf(got.get())});
                }
            } else if (op == 1 && !mine.get(s).isEmpty()) {
                String[] run = mine.get(s).remove(random.nextInt(mine.get(s).size()));
                runs.remove(Integer.parseInt(run[1]));
                slots.park(NODE, Integer.parseInt(run[1]), run[0]);
            } else if (op == 2 && !mine.get(s).isEmpty()) {
                String[] run = mine.get(s).remove(random.nextInt(mine.get(s).size()));
                runs.remove(Integer.parseInt(run[1]));
                slots.release(NODE, Integer.parseInt(run[1]), run[0]);
            } else if (op == 3) {
                clock.at(clock.instant().plusMillis(400));
                slots.releaseParked();
            }
        }
    }
}
