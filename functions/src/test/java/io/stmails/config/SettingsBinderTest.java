package io.stmails.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.config.SettingsBinder.UnknownField;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsBinderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Section(
            @JsonProperty("flag") Boolean flag,
            @JsonProperty("count") Long count,
            @JsonProperty("name") String name,
            @JsonProperty("items") List<Item> items) {
        Section {
            FieldProblem.within(count, 1, 1, 10, "count");
        }
    }

    record Item(@JsonProperty("label") String label) {
        Item {
            if (label != null && label.isBlank()) {
                throw new FieldProblem("label", " must be a non-empty string");
            }
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"flag\": \"true\"}|demo.flag must be true or false",
            "{\"flag\": 1}|demo.flag must be true or false",
            "{\"count\": 1.5}|demo.count must be a whole number",
            "{\"count\": \"3\"}|demo.count must be a whole number",
            "{\"count\": 11}|demo.count must be a whole number from 1 to 10",
            "{\"name\": 42}|demo.name must be a string",
            "{\"name\": false}|demo.name must be a string",
            "{\"items\": {}}|demo.items must be an array",
            "{\"items\": [{\"label\": \"a\"}, 3]}|demo.items[1] must be an object",
            "{\"items\": [{\"label\": \"a\"}, {\"label\": \" \"}]}|demo.items[1].label must be a non-empty string",
            "{\"items\": [{\"lable\": \"a\"}]}|demo.items[0]: unknown setting 'lable' (known: label)",
            "[]|demo must be an object"})
    void everyProblemNamesTheFieldByItsPath(String json, String message) throws IOException {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> SettingsBinder.bind(JSON.readTree(json), Section.class, "demo", UnknownField.NAMED_AFTER_SECTION));
        assertEquals(message, e.getMessage());
    }

    @Test
    void unknownFieldsAreReportedInTheSectionsOwnWords() throws IOException {
        String json = "{\"nmae\": \"x\"}";
        assertEquals("demo.nmae: unknown setting (known: count, flag, items, name)", assertThrows(InvalidSettingsException.class,
                () -> SettingsBinder.bind(JSON.readTree(json), Section.class, "demo", UnknownField.SETTING_PATH)).getMessage());
        assertEquals("demo.nmae: unknown field (known: count, flag, items, name)", assertThrows(InvalidSettingsException.class,
                () -> SettingsBinder.bind(JSON.readTree(json), Section.class, "demo", UnknownField.FIELD_PATH)).getMessage());
    }

    @Test
    void anAbsentOrNullSectionBindsTheRecordsDefaults() throws IOException {
        assertEquals(new Section(null, null, null, null), SettingsBinder.bind(null, Section.class, "demo", UnknownField.FIELD_PATH));
        assertEquals(new Section(null, null, null, null),
                SettingsBinder.bind(JSON.readTree("null"), Section.class, "demo", UnknownField.FIELD_PATH));
    }
}
