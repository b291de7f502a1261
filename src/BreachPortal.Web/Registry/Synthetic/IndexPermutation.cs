using System.Numerics;

namespace BreachPortal.Web.Registry.Synthetic;

/// <summary>
/// A keyed bijection of [0, size): a balanced Feistel network on the smallest even number of bits that holds size,
/// walked until it lands back inside the range. Distinct indexes give distinct values, which is what makes NIRs and
/// France Travail ids unique without remembering the ones already given.
/// </summary>
internal sealed class IndexPermutation
{
    private const int Rounds = 4;

    private readonly ulong[] _roundKeys = new ulong[Rounds];
    private readonly int _halfBits;
    private readonly ulong _halfMask;
    private readonly ulong _size;

    public IndexPermutation(long size, ulong key)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 2);
        _size = (ulong)size;
        var bits = 64 - BitOperations.LeadingZeroCount(_size - 1);
        _halfBits = (bits + 1) / 2;
        _halfMask = (1UL << _halfBits) - 1;
        for (var round = 0; round < Rounds; round++)
        {
            _roundKeys[round] = DeterministicRandom.Mix(key + (ulong)round + 1);
        }
    }

    public long Apply(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((ulong)index, _size, nameof(index));
        var value = (ulong)index;
        do
        {
            value = Encrypt(value);
        }
        while (value >= _size);

        return (long)value;
    }

    private ulong Encrypt(ulong value)
    {
        var left = value >> _halfBits;
        var right = value & _halfMask;
        foreach (var roundKey in _roundKeys)
        {
            (left, right) = (right, left ^ (DeterministicRandom.Mix(right ^ roundKey) & _halfMask));
        }

        return (left << _halfBits) | right;
    }
}
