package io.stmails.actions;

import java.lang.reflect.Proxy;

/** Interface stubs answering by method name, for tests that script a store's answers. */
final class Stubs {
    interface Answer {
        Object answer(String method, Object[] args);
    }

    private Stubs() {
    }

    static <T> T stub(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> answer.answer(method.getName(), args)));
    }
}
