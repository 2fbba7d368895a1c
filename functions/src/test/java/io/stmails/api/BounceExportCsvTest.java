package io.stmails.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BounceExportCsvTest {

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "plain|plain",
        "|",
        "a=b|a=b",
        "{\"a\":1,\"b\":2}|\"{\"\"a\"\":1,\"\"b\"\":2}\"",
        "a value longer than twenty-four characters, with no comma|\"a value longer than twenty-four characters, with no comma\"",
        "a value longer than twenty-four characters and no separator|a value longer than twenty-four characters and no separator",
        "=1+2|'=1+2",
        "=HYPERLINK(\"x\",\"y\")|\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"",
        "@SUM(A1)|'@SUM(A1)",
        "+1|'+1",
        "-5|'-5"})
    void cellsAreQuotedPerRfc4180AndFormulasNeutralised(String cell, String written) {
        assertEquals((written == null ? "" : written) + "\r\n", BounceExport.csvLine(List.of(cell == null ? "" : cell)));
    }

    @org.junit.jupiter.api.Test
    void lineBreaksAndControlCharactersAtTheStartAreQuotedOrNeutralised() {
        assertEquals("\"two\nlines\"\r\n", BounceExport.csvLine(List.of("two\nlines")));
        assertEquals("\"'\rx\"\r\n", BounceExport.csvLine(List.of("\rx")));
        assertEquals("'\tx\r\n", BounceExport.csvLine(List.of("\tx")));
        assertEquals("id,created_at,type,source,email,subscriber_uuid,subscriber_status,campaign_uuid,meta\r\n",
                BounceExport.csvLine(BounceExport.COLUMNS));
        assertEquals("a,,\"b,c\"\r\n", BounceExport.csvLine(List.of("a", "", "b,c")));
    }
}
