package org.pyfutures.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TableTest {
  @Test
  void padsColumnsAndRightAlignsNumbers() {
    Table table = new Table("executor", "time").row("threads", "1.5 ms").row("processes", "250 ms");
    String nl = System.lineSeparator();
    assertEquals(
        "executor   time" + nl
            + "---------  ------" + nl
            + "threads    1.5 ms" + nl
            + "processes  250 ms" + nl,
        table.render());
  }

  @Test
  void fillsMissingCellsAndPrintsNullAsDash() {
    Table table = new Table("a", "b", "c").row("x", null);
    assertEquals(List.of(List.of("x", "-", "")), table.rows());
  }

  @Test
  void rejectsTooManyCells() {
    assertThrows(IllegalArgumentException.class, () -> new Table("a").row("x", "y"));
  }

  @Test
  void formatsNumbersBySize() {
    assertEquals("12,346", Table.num(12_345.6));
    assertEquals("123", Table.num(123.4));
    assertEquals("12.3", Table.num(12.34));
    assertEquals("1.23", Table.num(1.234));
    assertEquals("0.123", Table.num(0.1234));
    assertEquals("0", Table.num(0));
    assertEquals("-", Table.num(Double.NaN));
    assertEquals("1.93x", Table.times(1.934));
    assertEquals("-", Table.times(Double.NaN));
  }
}
