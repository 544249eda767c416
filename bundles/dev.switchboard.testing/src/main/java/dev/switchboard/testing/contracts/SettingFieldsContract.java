package dev.switchboard.testing.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.spi.ProtocolProvider;
import dev.switchboard.core.spi.SettingField;

/**
 * The account form's description of a protocol's settings ({@link ProtocolProvider#settingFields()}) and the
 * provider's {@link ProtocolProvider#validate} cannot drift apart.
 */
public final class SettingFieldsContract {

    private SettingFieldsContract() {
    }

    /**
     * @param samples a valid value for each setting validate() requires, and nothing else: its keys must be
     *                exactly the fields described as required (the password aside)
     */
    public static void assertFieldsMatchValidate(ProtocolProvider provider, Map<String, String> samples) {
        List<SettingField> fields = provider.settingFields();
        assertEquals(fields.size(), fields.stream().map(SettingField::key).distinct().count(), "keys are unique");
        assertEquals(1, fields.stream().filter(field -> field.kind() == SettingField.Kind.SECRET).count(),
                "exactly one secret field, the password");
        Set<String> required = new TreeSet<>();
        fields.stream().filter(field -> field.required() && field.kind() != SettingField.Kind.SECRET)
                .forEach(field -> required.add(field.key()));
        assertEquals(samples.keySet(), required, "required fields");

        // from nothing: every key validate() reports missing is described as required
        Map<String, String> minimal = fillWhatValidateDemands(provider, samples);
        assertEquals(required, minimal.keySet(), "validate demands exactly the required fields");

        // the form's starting values plus the required values make an acceptable account
        Map<String, String> fromForm = defaults(provider);
        fromForm.putAll(samples);
        provider.validate(new Account("a1", provider.protocol(), fromForm));

        for (String key : required) {
            Map<String, String> without = new TreeMap<>(fromForm);
            without.remove(key);
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> provider.validate(new Account("a1", provider.protocol(), without)), key);
            assertTrue(error.getMessage().contains(key), error.getMessage());
        }
        for (SettingField field : fields) {
            for (String choice : field.choices()) {
                Map<String, String> chosen = new TreeMap<>(fromForm);
                chosen.put(field.key(), choice);
                provider.validate(new Account("a1", provider.protocol(), chosen));
            }
        }
    }

    /** Adds sample values for the keys validate() reports missing, one at a time, until it accepts the account. */
    private static Map<String, String> fillWhatValidateDemands(ProtocolProvider provider, Map<String, String> samples) {
        Map<String, String> settings = new TreeMap<>();
        for (int round = 0; round <= provider.settingFields().size(); round++) {
            try {
                provider.validate(new Account("a1", provider.protocol(), settings));
                return settings;
            } catch (IllegalArgumentException missing) {
                SettingField demanded = provider.settingFields().stream()
                        .filter(field -> Pattern.compile("\\b" + Pattern.quote(field.key()) + "\\b")
                                .matcher(missing.getMessage()).find())
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("validate demands an undescribed setting: " + missing.getMessage()));
                assertTrue(demanded.required(), demanded.key() + " is demanded by validate but not marked required");
                assertTrue(samples.containsKey(demanded.key()), "no sample value for " + demanded.key());
                settings.put(demanded.key(), samples.get(demanded.key()));
            }
        }
        throw new AssertionError("validate never accepted " + settings);
    }

    private static Map<String, String> defaults(ProtocolProvider provider) {
        Map<String, String> settings = new TreeMap<>();
        for (SettingField field : provider.settingFields()) {
            if (field.kind() != SettingField.Kind.SECRET && !field.defaultValue().isEmpty()) {
                settings.put(field.key(), field.defaultValue());
            }
        }
        return settings;
    }
}
