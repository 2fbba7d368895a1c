package io.stmails.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyTest {
    @Test
    void nothingIsMadeBeforeTheFirstUseAndOnlyOnceAfter() {
        AtomicInteger made = new AtomicInteger();
        Lazy<Object> lazy = Lazy.of(() -> {
            made.incrementAndGet();
            return new Object();
        });
        assertEquals(0, made.get());
        Object first = lazy.get();
        assertSame(first, lazy.get());
        assertEquals(1, made.get());
    }
}
