package dev.shimexec.tck.engine;

import java.util.List;

/** The properties every run checks after its sequential phases, in the order they run. */
final class Properties {

    private Properties() {
    }

    static List<Property> all() {
        return List.of(new ConcurrencyProperty());
    }
}
