package io.stmails.reliability;

import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * The lifecycle every property of the suite shares: its own tables for each property, emptied before
 * every try, dropped after the property; the figures written once the class is done.
 */
public abstract class FuzzProperties {
    protected FuzzWorld world;

    /** The tables and services of one property: its settings, secrets and clock. */
    protected abstract FuzzWorld createWorld();

    @BeforeProperty
    void openWorld() {
        world = createWorld();
    }

    @BeforeTry
    void emptyTables() {
        world.reset();
    }

    @AfterProperty
    void dropWorld() {
        world.dispose();
    }

    @AfterContainer
    static void writeFigures() {
        Figures.flush();
    }
}
