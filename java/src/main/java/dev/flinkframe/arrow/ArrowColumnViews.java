package dev.flinkframe.arrow;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.util.DecimalUtility;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.TimestampData;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.columnar.ColumnarArrayData;
import org.apache.flink.table.data.columnar.ColumnarRowData;
import org.apache.flink.table.data.columnar.vector.RowColumnVector;
import org.apache.flink.table.data.columnar.vector.VectorizedColumnBatch;
import org.apache.flink.table.data.columnar.vector.ArrayColumnVector;
import org.apache.flink.table.data.columnar.vector.BooleanColumnVector;
import org.apache.flink.table.data.columnar.vector.ByteColumnVector;
import org.apache.flink.table.data.columnar.vector.BytesColumnVector;
import org.apache.flink.table.data.columnar.vector.ColumnVector;
import org.apache.flink.table.data.columnar.vector.DecimalColumnVector;
import org.apache.flink.table.data.columnar.vector.DoubleColumnVector;
import org.apache.flink.table.data.columnar.vector.FloatColumnVector;
import org.apache.flink.table.data.columnar.vector.IntColumnVector;
import org.apache.flink.table.data.columnar.vector.LongColumnVector;
import org.apache.flink.table.data.columnar.vector.ShortColumnVector;
import org.apache.flink.table.data.columnar.vector.TimestampColumnVector;

/**
 * Flink column vectors over the Arrow vectors of one batch. Fixed-width values are read straight
 * from Arrow memory; variable-width values are copied to the heap once per batch, because Flink's
 * {@link BytesColumnVector} hands out {@code byte[]} slices.
 */
final class ArrowColumnViews {

  private static final long MILLIS_PER_DAY = 86_400_000L;

  private ArrowColumnViews() {}

  /**
   * Reads Arrow memory directly: Arrow's checked accessors cost a reference-count read per value,
   * which was a third of the read time. Safe because the batch owns these buffers until it is
   * released, and Flink asks only for rows below the batch's row count.
   */
  private abstract static class ArrowView implements ColumnVector {
    final long data;
    private final long validity;
    private final boolean hasNulls;

    ArrowView(ValueVector vector) {
      this.data = vector.getDataBuffer().memoryAddress();
      this.validity = vector.getValidityBuffer().memoryAddress();
      this.hasNulls = vector.getNullCount() > 0;
    }

    @Override
    public boolean isNullAt(int i) {
      return hasNulls && !bit(validity, i);
    }

    static boolean bit(long address, int i) {
      return (MemoryUtil.getByte(address + (i >> 3)) & (1 << (i & 7))) != 0;
    }
  }

  static final class BooleanView extends ArrowView implements BooleanColumnVector {
    BooleanView(FieldVector v) {
      super(v);
    }

    @Override
    public boolean getBoolean(int i) {
      return bit(data, i);
    }
  }

  static final class ByteView extends ArrowView implements ByteColumnVector {
    ByteView(FieldVector v) {
      super(v);
    }

    @Override
    public byte getByte(int i) {
      return MemoryUtil.getByte(data + i);
    }
  }

  static final class ShortView extends ArrowView implements ShortColumnVector {
    ShortView(FieldVector v) {
      super(v);
    }

    @Override
    public short getShort(int i) {
      return MemoryUtil.getShort(data + 2L * i);
    }
  }

  /** INTEGER, and DATE as days or TIME as milliseconds, which Flink also keeps as int. */
  static final class IntView extends ArrowView implements IntColumnVector {
    IntView(FieldVector v) {
      super(v);
    }

    @Override
    public int getInt(int i) {
      return MemoryUtil.getInt(data + 4L * i);
    }
  }

  static final class LongView extends ArrowView implements LongColumnVector {
    LongView(FieldVector v) {
      super(v);
    }

    @Override
    public long getLong(int i) {
      return MemoryUtil.getLong(data + 8L * i);
    }
  }

  static final class FloatView extends ArrowView implements FloatColumnVector {
    FloatView(FieldVector v) {
      super(v);
    }

    @Override
    public float getFloat(int i) {
      return Float.intBitsToFloat(MemoryUtil.getInt(data + 4L * i));
    }
  }

  static final class DoubleView extends ArrowView implements DoubleColumnVector {
    DoubleView(FieldVector v) {
      super(v);
    }

    @Override
    public double getDouble(int i) {
      return Double.longBitsToDouble(MemoryUtil.getLong(data + 8L * i));
    }
  }

  /** Date(MILLISECOND) as Flink's days since the epoch. */
  static final class DateMilliView extends ArrowView implements IntColumnVector {
    DateMilliView(FieldVector v) {
      super(v);
    }

    @Override
    public int getInt(int i) {
      return (int) Math.floorDiv(MemoryUtil.getLong(data + 8L * i), MILLIS_PER_DAY);
    }
  }

  /** Time of any unit as Flink's milliseconds of the day. */
  static final class TimeView extends ArrowView implements IntColumnVector {
    private final TimeUnit unit;

    TimeView(FieldVector v) {
      super(v);
      this.unit = ((ArrowType.Time) v.getField().getType()).getUnit();
    }

    @Override
    public int getInt(int i) {
      return switch (unit) {
        case SECOND -> MemoryUtil.getInt(data + 4L * i) * 1000;
        case MILLISECOND -> MemoryUtil.getInt(data + 4L * i);
        case MICROSECOND -> (int) (MemoryUtil.getLong(data + 8L * i) / 1_000);
        case NANOSECOND -> (int) (MemoryUtil.getLong(data + 8L * i) / 1_000_000);
      };
    }
  }

  static final class TimestampView extends ArrowView implements TimestampColumnVector {
    private final TimeUnit unit;

    TimestampView(FieldVector v) {
      super(v);
      this.unit = ((ArrowType.Timestamp) v.getField().getType()).getUnit();
    }

    @Override
    public TimestampData getTimestamp(int i, int precision) {
      long t = MemoryUtil.getLong(data + 8L * i);
      return switch (unit) {
        case SECOND -> TimestampData.fromEpochMillis(t * 1000);
        case MILLISECOND -> TimestampData.fromEpochMillis(t);
        case MICROSECOND -> TimestampData.fromEpochMillis(
            Math.floorDiv(t, 1_000), Math.floorMod(t, 1_000) * 1_000);
        case NANOSECOND -> TimestampData.fromEpochMillis(
            Math.floorDiv(t, 1_000_000), Math.floorMod(t, 1_000_000));
      };
    }
  }

  static final class DecimalView extends ArrowView implements DecimalColumnVector {
    private final ArrowBuf buffer;
    private final int filePrecision;
    private final int fileScale;

    DecimalView(FieldVector v) {
      super(v);
      this.buffer = v.getDataBuffer();
      this.filePrecision = ((DecimalVector) v).getPrecision();
      this.fileScale = ((DecimalVector) v).getScale();
    }

    @Override
    public DecimalData getDecimal(int i, int precision, int scale) {
      // Up to 18 digits the low 64 bits of the little-endian 128-bit value are the whole value.
      if (scale == fileScale && filePrecision <= precision && DecimalData.isCompact(precision)) {
        return DecimalData.fromUnscaledLong(MemoryUtil.getLong(data + 16L * i), precision, scale);
      }
      return DecimalData.fromBigDecimal(
          DecimalUtility.getBigDecimalFromArrowBuf(buffer, i, fileScale, 16), precision, scale);
    }
  }

  /** An Arrow List as Flink arrays: slices of the element column by the list's offsets. */
  static final class ListView implements ArrayColumnVector {
    private final ListVector list;
    private final ColumnVector elements;

    ListView(ListVector list, ColumnVector elements) {
      this.list = list;
      this.elements = elements;
    }

    @Override
    public boolean isNullAt(int i) {
      return list.isNull(i);
    }

    @Override
    public ArrayData getArray(int i) {
      ArrowBuf offsets = list.getOffsetBuffer();
      int start = offsets.getInt(4L * i);
      return new ColumnarArrayData(elements, start, offsets.getInt(4L * (i + 1)) - start);
    }
  }

  /** A Struct vector as a ROW column: one view per field. */
  static final class StructView implements RowColumnVector {
    private final ValueVector struct;
    private final VectorizedColumnBatch fields;

    StructView(ValueVector struct, ColumnVector[] fields) {
      this.struct = struct;
      this.fields = new VectorizedColumnBatch(fields);
    }

    @Override
    public boolean isNullAt(int i) {
      return struct.isNull(i);
    }

    @Override
    public ColumnarRowData getRow(int i) {
      return new ColumnarRowData(fields, i);
    }
  }

  /** A heap copy of a Utf8, LargeUtf8, Binary or LargeBinary vector. */
  static final class BytesView implements BytesColumnVector {
    private final byte[] bytes;
    private final int[] offsets;
    private final byte[] validity;

    private BytesView(byte[] bytes, int[] offsets, byte[] validity) {
      this.bytes = bytes;
      this.offsets = offsets;
      this.validity = validity;
    }

    static BytesView copyOf(ValueVector v) {
      int n = v.getValueCount();
      if (n == 0) {
        return new BytesView(new byte[0], new int[1], null);
      }
      boolean large = v instanceof BaseLargeVariableWidthVector;
      ArrowBuf offsetBuffer = v.getOffsetBuffer();
      long first = large ? offsetBuffer.getLong(0) : offsetBuffer.getInt(0);
      long last = large ? offsetBuffer.getLong(8L * n) : offsetBuffer.getInt(4L * n);
      if (last - first > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException(
            "A record batch holds more than 2 GB of '" + v.getName() + "' values");
      }
      int[] offsets = new int[n + 1];
      for (int i = 0; i <= n; i++) {
        offsets[i] = (int) ((large ? offsetBuffer.getLong(8L * i) : offsetBuffer.getInt(4L * i))
            - first);
      }
      byte[] bytes = new byte[(int) (last - first)];
      v.getDataBuffer().getBytes(first, bytes);
      byte[] validity = null;
      if (v.getNullCount() > 0) {
        validity = new byte[BitVectorHelper.getValidityBufferSize(n)];
        v.getValidityBuffer().getBytes(0, validity);
      }
      return new BytesView(bytes, offsets, validity);
    }

    int size() {
      return offsets.length - 1;
    }

    @Override
    public boolean isNullAt(int i) {
      return validity != null && (validity[i >> 3] & (1 << (i & 7))) == 0;
    }

    @Override
    public Bytes getBytes(int i) {
      return new Bytes(bytes, offsets[i], offsets[i + 1] - offsets[i]);
    }
  }

  /** Dictionary indices of this batch over a heap copy of the dictionary. */
  static final class DictionaryView extends ArrowView implements BytesColumnVector {
    private final int indexWidth;
    private final boolean signed;
    private final BytesView dictionary;

    DictionaryView(FieldVector indices, BytesView dictionary) {
      super(indices);
      ArrowType.Int type = (ArrowType.Int) indices.getField().getType();
      this.indexWidth = type.getBitWidth() / 8;
      this.signed = type.getIsSigned();
      this.dictionary = dictionary;
    }

    private int index(int i) {
      return switch (indexWidth) {
        case 1 -> signed ? MemoryUtil.getByte(data + i) : MemoryUtil.getByte(data + i) & 0xFF;
        case 2 -> signed
            ? MemoryUtil.getShort(data + 2L * i) : MemoryUtil.getShort(data + 2L * i) & 0xFFFF;
        case 4 -> MemoryUtil.getInt(data + 4L * i);
        default -> (int) MemoryUtil.getLong(data + 8L * i);
      };
    }

    @Override
    public boolean isNullAt(int i) {
      return super.isNullAt(i) || dictionary.isNullAt(index(i));
    }

    @Override
    public Bytes getBytes(int i) {
      return dictionary.getBytes(index(i));
    }
  }

  /** An Arrow Null column (all values null) seen as a column of any type. */
  static final class NullView implements BooleanColumnVector, ByteColumnVector,
      ShortColumnVector, IntColumnVector, LongColumnVector, FloatColumnVector,
      DoubleColumnVector, BytesColumnVector, DecimalColumnVector, TimestampColumnVector {
    static final NullView INSTANCE = new NullView();

    @Override
    public boolean isNullAt(int i) {
      return true;
    }

    private static IllegalStateException isNull() {
      return new IllegalStateException("the value is null");
    }

    @Override
    public boolean getBoolean(int i) {
      throw isNull();
    }

    @Override
    public byte getByte(int i) {
      throw isNull();
    }

    @Override
    public short getShort(int i) {
      throw isNull();
    }

    @Override
    public int getInt(int i) {
      throw isNull();
    }

    @Override
    public long getLong(int i) {
      throw isNull();
    }

    @Override
    public float getFloat(int i) {
      throw isNull();
    }

    @Override
    public double getDouble(int i) {
      throw isNull();
    }

    @Override
    public Bytes getBytes(int i) {
      throw isNull();
    }

    @Override
    public DecimalData getDecimal(int i, int precision, int scale) {
      throw isNull();
    }

    @Override
    public TimestampData getTimestamp(int i, int precision) {
      throw isNull();
    }
  }
}
