package io.hyperfusion.models.options;

/** An enum constant that is the value of a choice option; {@link #optionValue()} is how configuration files spell it. */
public interface OptionChoice {

    /** The value as written in a configuration file, e.g. {@code regression_l1} or {@code native}. */
    String optionValue();
}
