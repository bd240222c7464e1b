package org.artsim.index.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.artsim.Hit;
import org.artsim.InvalidArgumentException;
import org.artsim.LabelFilter;
import org.artsim.Labels;
import org.artsim.io.ArtsimFiles;
import org.artsim.io.BinaryIn;
import org.artsim.io.BinaryOut;
import org.artsim.vector.TopK;

/**
 * The item side of every artsim vector index: ids, labels, the id&rarr;slot map, label postings,
 * tombstones, the read-write lock, the read accessors, the item section of the file and the one
 * save path. An index composes one store and keeps only its vectors and its search structure
 * (rows, a tree, a graph) addressed by the same slots.
 *
 * <h2>Slots</h2>
 *
 * Items live in slots {@code [0, slots())}. A slot is live or tombstoned ({@link #tombstone});
 * tombstoned slots keep no id or labels. An index that keeps storage dense moves its last slot into
 * a hole ({@link #removeSwappingLast}); an index that compacts renumbers slots with {@link
 * #reorder}.
 *
 * <h2>File section</h2>
 *
 * <pre>
 * items := slots:int32 slot{slots}
 * slot  := tombstoned:bool (id:string labelCount:int32 (field:string value:string){labelCount})?
 * </pre>
 *
 * <h2>Label fields</h2>
 *
 * Field names match exactly (case-sensitive). A filter that names a field no live item carries, on
 * a non-empty store, is refused ({@link #matching}) with the fields that are present and a
 * case-insensitive near match when there is one; a value that no item carries matches nothing.
 *
 * <p>It is longer than most classes on purpose: it is the single home of everything the four
 * indexes used to repeat (locking, accessors, slot bookkeeping, the label-field rule, the item
 * section of the file and the save path), each part a few lines.
 *
 * <p>Part of artsim-index's implementation: public only so that the index packages can share it,
 * and not exported by the module. Not thread-safe by itself: the owning index holds {@link #lock()}
 * around every call (the accessors named {@code ...Locked} expect it held; the others take it).
 */
public final class ItemStore {
  /** The most slots a store hands out ({@code 2^30}). */
  public static final int MAX_SLOTS = 1 << 30;

  private final String kind;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private String[] ids;
  private Labels[] labels;
  private int slots;
  private final BitSet dead = new BitSet();
  private int deadCount;
  private final Map<String, Integer> slotOf = new HashMap<>();
  private LabelPostings postings = new LabelPostings();
  private final Lifecycle lifecycle;

  /** An empty store with room for {@code capacity} slots; {@code kind} names the index in messages. */
  public ItemStore(String kind, int capacity) {
    this.kind = kind;
    int cap = Math.max(1, capacity);
    this.ids = new String[cap];
    this.labels = new Labels[cap];
    this.lifecycle = new Lifecycle(kind);
  }

  /** The lock that guards this store and the owning index's vectors and structure. */
  public ReentrantReadWriteLock lock() {
    return lock;
  }

  /** Whether the index is closed, and the refusal of any use after it. */
  public Lifecycle lifecycle() {
    return lifecycle;
  }

  // ---------------------------------------------------------------- locking

  /** The value of {@code body} computed under the read lock, after checking the index is open. */
  public <T> T read(Supplier<T> body) {
    lock.readLock().lock();
    try {
      lifecycle.checkOpen();
      return body.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The value of {@code body} computed under the write lock, after checking the index is open. */
  public <T> T write(Supplier<T> body) {
    lock.writeLock().lock();
    try {
      lifecycle.checkOpen();
      return body.get();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Runs {@code body} under the write lock, after checking the index is open. */
  public void write(Runnable body) {
    write(
        () -> {
          body.run();
          return null;
        });
  }

  /** Marks the index closed under the write lock (waits for running searches); idempotent. */
  public void close(Runnable release) {
    lock.writeLock().lock();
    try {
      if (lifecycle.close()) {
        release.run();
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  // ---------------------------------------------------------------- reading (lock held)

  /** The number of live items. */
  public int liveLocked() {
    return slotOf.size();
  }

  /** The number of slots handed out, live and tombstoned. */
  public int slots() {
    return slots;
  }

  /** The number of tombstoned slots. */
  public int deadCount() {
    return deadCount;
  }

  /** The tombstoned slots (read-only use). */
  public BitSet dead() {
    return dead;
  }

  /** Whether {@code slot} is tombstoned. */
  public boolean isDead(int slot) {
    return deadCount > 0 && dead.get(slot);
  }

  /** The slot of a live id, or -1. */
  public int slotOf(String id) {
    Integer s = slotOf.get(id);
    return s == null ? -1 : s;
  }

  /** The id in a live slot. */
  public String id(int slot) {
    return ids[slot];
  }

  /** The labels in a live slot. */
  public Labels labels(int slot) {
    return labels[slot];
  }

  /** A top-k collector over slots that breaks ties by the slots' ids. */
  public TopK topK(int k) {
    return new TopK(k, s -> ids[s]);
  }

  /** The hits in {@code top}, best first, with ids and labels from their slots. */
  public List<Hit> hits(TopK top) {
    float[] s = new float[top.size()];
    int[] slotsBest = top.drainBestFirst(s);
    var out = new ArrayList<Hit>(slotsBest.length);
    for (int i = 0; i < slotsBest.length; i++) {
      out.add(new Hit(ids[slotsBest[i]], s[i], labels[slotsBest[i]]));
    }
    return List.copyOf(out);
  }

  /**
   * The live slots that pass {@code filter}, or null when the filter lets everything through.
   *
   * @throws InvalidArgumentException if the store is not empty and the filter names a field that no
   *     live item carries
   */
  public BitSet matching(LabelFilter filter) {
    if (filter.isNone()) {
      return null;
    }
    requireKnownFields(filter.allowed().keySet());
    return postings.matching(filter);
  }

  /**
   * Checks that every field is carried by some live item (a no-op on an empty store).
   *
   * @throws InvalidArgumentException naming the unknown field, the fields present and a near match
   */
  public void requireKnownFields(Iterable<String> fields) {
    if (slotOf.isEmpty()) {
      return;
    }
    for (String field : fields) {
      if (!postings.hasField(field)) {
        throw unknownField(field, postings.fields());
      }
    }
  }

  static InvalidArgumentException unknownField(String field, Set<String> present) {
    String near = null;
    for (String f : present) {
      if (f.equalsIgnoreCase(field)) {
        near = f;
        break;
      }
    }
    return new InvalidArgumentException(
        "no item has label field '" + field + "'; fields present: " + present
            + (near != null ? "; did you mean '" + near + "'? label field names are case-sensitive" : "; check the field name (case-sensitive)"));
  }

  // ---------------------------------------------------------------- reading (takes the lock)

  /** The number of live items. */
  public int size() {
    return read(() -> slotOf.size());
  }

  /** Whether a live item has this id. */
  public boolean contains(String id) {
    Args.requireId(id);
    return read(() -> slotOf.containsKey(id));
  }

  /**
   * The labels of a live item.
   *
   * @throws org.artsim.UnknownIdException if the id is not present
   */
  public Labels labelsOf(String id) {
    Args.requireId(id);
    return read(
        () -> {
          Integer s = slotOf.get(id);
          if (s == null) {
            throw IdErrors.unknown(id);
          }
          return labels[s];
        });
  }

  /** A snapshot of the live ids, in slot order. */
  public List<String> ids() {
    return read(
        () -> {
          var out = new ArrayList<String>(slotOf.size());
          for (int s = 0; s < slots; s++) {
            if (ids[s] != null) {
              out.add(ids[s]);
            }
          }
          return List.copyOf(out);
        });
  }

  /** The values present for one label field, sorted. */
  public Set<String> labelValues(String field) {
    if (field == null) {
      throw new InvalidArgumentException("field is null; name a label field such as \"culture\"");
    }
    return read(() -> postings.values(field));
  }

  // ---------------------------------------------------------------- changing (write lock held)

  /** Makes room for {@code count} slots. */
  public void ensureCapacity(int count) {
    if (count <= ids.length) {
      return;
    }
    int cap = (int) Math.min(MAX_SLOTS, Math.max(count, ids.length + (ids.length >> 1) + 16L));
    ids = Arrays.copyOf(ids, cap);
    labels = Arrays.copyOf(labels, cap);
  }

  /** Stores a new live item in the next slot and returns the slot. */
  public int append(String id, Labels l) {
    if (slots >= MAX_SLOTS) {
      throw new InvalidArgumentException(kind + ": an index holds at most 2^30 slots between compactions; rebuild it from its items");
    }
    ensureCapacity(slots + 1);
    int s = slots++;
    ids[s] = id;
    labels[s] = l;
    slotOf.put(id, s);
    postings.add(s, l);
    return s;
  }

  /** Replaces the labels of a live slot. */
  public void relabel(int slot, Labels l) {
    postings.remove(slot, labels[slot]);
    labels[slot] = l;
    postings.add(slot, l);
  }

  /** Tombstones the slot of {@code id}; returns the slot, or -1 if the id is absent. */
  public int tombstone(String id) {
    Integer boxed = slotOf.remove(id);
    if (boxed == null) {
      return -1;
    }
    int s = boxed;
    postings.remove(s, labels[s]);
    ids[s] = null;
    dead.set(s);
    deadCount++;
    return s;
  }

  /**
   * Removes {@code id} and moves the last slot into its place (dense storage, no tombstones).
   * Returns the removed slot (the owner moves its own row from {@code slots()} into it when they
   * differ), or -1 if the id is absent.
   */
  public int removeSwappingLast(String id) {
    Integer boxed = slotOf.remove(id);
    if (boxed == null) {
      return -1;
    }
    int s = boxed;
    int last = slots - 1;
    postings.remove(s, labels[s]);
    if (s != last) {
      ids[s] = ids[last];
      labels[s] = labels[last];
      postings.move(last, s, labels[s]);
      slotOf.put(ids[s], s);
    }
    ids[last] = null;
    labels[last] = null;
    slots = last;
    return s;
  }

  /**
   * Renumbers the slots: new slot {@code i} holds what old slot {@code order[i]} held (every entry
   * live); every other slot and every tombstone is dropped.
   */
  public void reorder(int[] order) {
    int n = order.length;
    String[] newIds = new String[Math.max(16, Math.max(n, ids.length))];
    Labels[] newLabels = new Labels[newIds.length];
    for (int i = 0; i < n; i++) {
      newIds[i] = ids[order[i]];
      newLabels[i] = labels[order[i]];
    }
    ids = newIds;
    labels = newLabels;
    slots = n;
    dead.clear();
    deadCount = 0;
    slotOf.clear();
    postings = new LabelPostings();
    for (int i = 0; i < n; i++) {
      slotOf.put(ids[i], i);
      postings.add(i, labels[i]);
    }
  }

  /** The live slots in ascending order. */
  public int[] liveSlots() {
    int[] out = new int[slotOf.size()];
    int n = 0;
    for (int s = 0; s < slots; s++) {
      if (ids[s] != null) {
        out[n++] = s;
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- files

  /**
   * Writes the file of {@code format} at {@code version} under the read lock (changes wait, searches
   * go on): the one save path of every index.
   */
  public void save(Path path, String format, int version, ArtsimFiles.PayloadWriter payload) {
    if (path == null) {
      throw new InvalidArgumentException("path is null; give the file to save the index to");
    }
    read(
        () -> {
          ArtsimFiles.write(path, format, version, payload);
          return null;
        });
  }

  /** Writes the item section (see the class comment). */
  public void writeItems(BinaryOut out) throws IOException {
    out.writeInt(slots);
    for (int s = 0; s < slots; s++) {
      boolean isDead = ids[s] == null;
      out.writeBoolean(isDead);
      if (!isDead) {
        out.writeString(ids[s]);
        out.writeLabels(labels[s]);
      }
    }
  }

  /**
   * Reads an item section into this empty store, allowing at most {@code maxSlots} slots each
   * followed by at least {@code bytesPerSlot} more bytes (the owner's per-slot data).
   */
  public void readItems(BinaryIn in, int maxSlots, long bytesPerSlot) throws IOException {
    readItems(ItemInput.of(in), maxSlots, bytesPerSlot);
  }

  /** Reads an item section from any {@link ItemInput} (e.g. the unmapped part of a mapped file). */
  public void readItems(ItemInput in, int maxSlots, long bytesPerSlot) throws IOException {
    int n = readSlotCount(in, maxSlots, 1 + bytesPerSlot);
    for (int s = 0; s < n; s++) {
      if (in.readBoolean()) {
        ensureCapacity(s + 1);
        slots = s + 1;
        dead.set(s);
        deadCount++;
        continue;
      }
      readLiveItem(in, s);
    }
  }

  /** Reads the version-1 item section of flat and ball-tree files: a count, then live items only. */
  public void readLiveItems(BinaryIn in, int maxSlots, long bytesPerSlot) throws IOException {
    int n = readSlotCount(ItemInput.of(in), maxSlots, 8 + bytesPerSlot);
    ItemInput input = ItemInput.of(in);
    for (int s = 0; s < n; s++) {
      readLiveItem(input, s);
    }
  }

  private int readSlotCount(ItemInput in, int maxSlots, long bytesEach) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > Math.min(maxSlots, MAX_SLOTS) || (long) n * bytesEach > in.remaining()) {
      throw in.corrupt(kind + " item count " + n + " is impossible here (" + in.remaining() + " bytes remain)");
    }
    ensureCapacity(Math.max(1, n));
    return n;
  }

  private void readLiveItem(ItemInput in, int s) throws IOException {
    String id = in.readString();
    if (id == null) {
      throw in.corrupt("an id is missing");
    }
    Labels l = in.readLabels();
    if (slotOf.containsKey(id)) {
      throw in.corrupt("id '" + id + "' appears twice");
    }
    ensureCapacity(s + 1);
    ids[s] = id;
    labels[s] = l;
    slotOf.put(id, s);
    postings.add(s, l);
    slots = s + 1;
  }

  @Override
  public String toString() {
    return "ItemStore[" + kind + ", live=" + slotOf.size() + ", slots=" + slots + ", tombstones=" + deadCount + "]";
  }
}
