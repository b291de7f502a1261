namespace BreachPortal.Web.Registry.Synthetic;

/// <summary>
/// SplitMix64, seeded per row: any row can be generated without the rows before it (a duplicate looks back at an
/// earlier one), and the output never depends on a runtime's <see cref="Random"/> implementation.
/// </summary>
internal struct DeterministicRandom
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    private ulong _state;

    public DeterministicRandom(ulong seed, long stream) => _state = Mix(seed ^ Mix(((ulong)stream * Golden) + 1));

    public static ulong Mix(ulong value)
    {
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }

    public ulong NextUInt64()
    {
        _state += Golden;
        return Mix(_state);
    }

    /// <summary>From 0 to <paramref name="exclusiveMax"/> − 1 (multiply-shift: the bias is far below what demo data can show).</summary>
    public int Next(int exclusiveMax) => (int)(((NextUInt64() >> 32) * (ulong)exclusiveMax) >> 32);

    public int Next(int min, int exclusiveMax) => min + Next(exclusiveMax - min);

    public long NextInt64(long exclusiveMax) => (long)(NextUInt64() % (ulong)exclusiveMax);

    public bool Percent(int percent) => Next(100) < percent;

    public T Pick<T>(T[] items) => items[Next(items.Length)];

    public char Pick(string characters) => characters[Next(characters.Length)];

    public char Digit() => (char)('0' + Next(10));
}
