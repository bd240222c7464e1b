package org.artsim.spark.internal;

import java.util.Iterator;
import java.util.function.Function;

/** An iterator that applies a function to each element of another, lazily. */
record MappedIterator<A, B>(Iterator<A> source, Function<A, B> f) implements Iterator<B> {
  @Override
  public boolean hasNext() {
    return source.hasNext();
  }

  @Override
  public B next() {
    return f.apply(source.next());
  }
}
