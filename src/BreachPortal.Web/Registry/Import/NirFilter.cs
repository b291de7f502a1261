using System.Buffers.Binary;
using System.Numerics;

namespace BreachPortal.Web.Registry.Import;

/// <summary>
/// A Bloom filter of the NIR indexes a <see cref="DirectLoad"/> has written: "certainly not written yet" or "maybe".
/// A repeat of a NIR in the file is always a "maybe" and is held back, so <c>people</c> never holds a NIR twice and
/// its unique index can be built as is; a new NIR is a "maybe" only by chance (a fraction of a percent at national
/// size) and is then merged through staging like the repeats, with the same result. Its size is fixed when the load
/// begins, so memory does not grow with the file.
/// </summary>
internal sealed class NirFilter
{
    public const int MinBits = 1 << 23;     // 1 MiB
    public const int MaxBits = 1 << 29;     // 64 MiB: about 0.6 % of new NIRs held back at 43 million lines
    private const int BitsPerLine = 16;      // k = 4 probes: about 0.2 % held back when the estimate is right
    private const long BytesPerLineAtLeast = 100;

    private readonly ulong[] _words;
    private readonly uint _mask;

    public NirFilter(int bits)
    {
        if (bits < 64 || !BitOperations.IsPow2(bits))
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "The filter's size must be a power of two of at least 64 bits.");
        }

        _words = new ulong[bits / 64];
        _mask = (uint)(bits - 1);
    }

    public int Bits => (int)_mask + 1;

    /// <summary>Sized for the lines a file of <paramref name="fileBytes"/> can hold, or the largest when unknown.</summary>
    public static NirFilter ForFile(long? fileBytes)
    {
        var lines = fileBytes is { } bytes ? bytes / BytesPerLineAtLeast + 1 : long.MaxValue / BitsPerLine;
        var wanted = Math.Clamp(lines * BitsPerLine, MinBits, MaxBits);
        return new NirFilter((int)BitOperations.RoundUpToPowerOf2((ulong)wanted));
    }

    /// <summary>Records <paramref name="nirIndex"/>; false when it may have been recorded before.</summary>
    /// <param name="nirIndex">An HMAC: its bytes are already uniform, so four slices of it serve as the four hashes.</param>
    public bool Add(ReadOnlySpan<byte> nirIndex)
    {
        var added = false;
        for (var probe = 0; probe < 4; probe++)
        {
            var bit = BinaryPrimitives.ReadUInt32LittleEndian(nirIndex[(probe * 4)..]) & _mask;
            ref var word = ref _words[bit >> 6];
            var flag = 1UL << (int)(bit & 63);
            added |= (word & flag) == 0;
            word |= flag;
        }

        return added;
    }
}
