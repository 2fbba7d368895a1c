package io.stmails.wiring;

import java.util.function.Supplier;

/** Made on first use, then the same instance: what a function's first request does not need stays unbuilt (and its classes unloaded). */
final class Lazy<T> implements Supplier<T> {
    private final Supplier<? extends T> make;
    private volatile T value;

    Lazy(Supplier<? extends T> make) {
        this.make = make;
    }

    static <T> Lazy<T> of(Supplier<? extends T> make) {
        return new Lazy<>(make);
    }

    @Override
    public T get() {
        T current = value;
        if (current == null) {
            synchronized (this) {
                current = value;
                if (current == null) {
                    current = make.get();
                    value = current;
                }
            }
        }
        return current;
    }
}
