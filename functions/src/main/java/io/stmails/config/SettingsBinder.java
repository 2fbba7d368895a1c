package io.stmails.config;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;

/**
 * Binds one settings section to its record: unknown fields and values of the wrong JSON type are refused
 * (no coercion of {@code "true"} or {@code 1} to a boolean, nor of {@code 1.5} to a whole number), and a
 * record's compact constructor checks the rest by throwing {@link FieldProblem}. Every failure becomes an
 * {@link InvalidSettingsException} that names the field by its path in the document, e.g.
 * {@code mailboxes[0].port} or {@code actions.hard.count}.
 */
public final class SettingsBinder {
    /** How a section reports a field it does not know (each section keeps the wording it has always had). */
    public enum UnknownField {
        /** {@code ses: unknown setting 'enable' (known: ...)}. */
        NAMED_AFTER_SECTION,
        /** {@code providers.sendgrid.replay_window: unknown setting (known: ...)}. */
        SETTING_PATH,
        /** {@code mailboxes[0].pasword: unknown field (known: ...)}. */
        FIELD_PATH
    }

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .visibility(PropertyAccessor.FIELD, Visibility.NONE)
            .visibility(PropertyAccessor.SETTER, Visibility.NONE)
            .withCoercionConfig(LogicalType.Textual, text -> text
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private SettingsBinder() {
    }

    /**
     * @param section the section; null or JSON null binds an empty object, so the record's defaults apply
     * @param path    where the section sits in the document ({@code ""} for the top level)
     */
    public static <T> T bind(JsonNode section, Class<T> type, String path, UnknownField unknown) {
        try {
            return STRICT.readerFor(type).readValue(section == null || section.isNull() ? STRICT.createObjectNode() : section);
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof FieldProblem problem) {
                throw new InvalidSettingsException(join(path(path, e), problem.field()) + problem.problem());
            }
            if (e.getCause() instanceof InvalidSettingsException invalid) {
                throw invalid;
            }
            throw new InvalidSettingsException(path(path, e) + ": " + e.getOriginalMessage());
        } catch (UnrecognizedPropertyException e) {
            throw unknownField(path(path, e.getPath().subList(0, e.getPath().size() - 1)), e.getPropertyName(),
                    e.getKnownPropertyIds(), unknown);
        } catch (MismatchedInputException e) {
            throw new InvalidSettingsException(path(path, e) + " must be " + expected(e.getTargetType()));
        } catch (IOException e) {
            throw new InvalidSettingsException(path + ": " + e.getMessage());
        }
    }

    public static InvalidSettingsException unknownField(String where, String name, Collection<Object> known,
            UnknownField style) {
        String list = " (known: " + String.join(", ", new TreeSet<>(known.stream().map(String::valueOf).toList())) + ")";
        return new InvalidSettingsException(switch (style) {
            case NAMED_AFTER_SECTION -> (where.isEmpty() ? "" : where + ": ") + "unknown setting '" + name + "'" + list;
            case SETTING_PATH -> join(where, name) + ": unknown setting" + list;
            case FIELD_PATH -> join(where, name) + ": unknown field" + list;
        });
    }

    /** {@code section.field}, or the field alone at the top level. */
    public static String join(String section, String field) {
        return section.isEmpty() ? field : section + "." + field;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a value of another type";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Long.class || type == Integer.class || type == long.class || type == int.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return Map.class.isAssignableFrom(type) || type.isRecord() ? "an object" : "a " + type.getSimpleName();
    }

    private static String path(String base, JsonMappingException e) {
        return path(base, e.getPath());
    }

    private static String path(String base, java.util.List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder(base);
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
