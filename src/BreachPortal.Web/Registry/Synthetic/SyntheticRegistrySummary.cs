namespace BreachPortal.Web.Registry.Synthetic;

/// <summary>What a synthetic extract holds, so that an import of it can be checked: good rows are imported, duplicates reported, the rest rejected.</summary>
public sealed class SyntheticRegistrySummary
{
    private readonly long[] _brokenByKind;

    internal SyntheticRegistrySummary(long rows, long bytes, long[] brokenByKind)
    {
        Rows = rows;
        Bytes = bytes;
        _brokenByKind = brokenByKind;
        BrokenRows = brokenByKind.Sum();
        BrokenByKind = Enum.GetValues<BrokenRowKind>().ToDictionary(kind => kind, kind => brokenByKind[(int)kind]);
    }

    /// <summary>Data rows, header excluded.</summary>
    public long Rows { get; }

    /// <summary>Size of the file, header included.</summary>
    public long Bytes { get; }

    public long BrokenRows { get; }

    public long GoodRows => Rows - BrokenRows;

    /// <summary>Rows that repeat the NIR of an earlier good row: an import reports them as duplicates, not as rejects.</summary>
    public long DuplicateRows => BrokenRowsOf(BrokenRowKind.DuplicateInFile);

    /// <summary>Broken rows that an import must reject (every broken kind but <see cref="BrokenRowKind.DuplicateInFile"/>).</summary>
    public long RejectedRows => BrokenRows - DuplicateRows;

    /// <summary>Every kind, with 0 for the kinds the file does not hold.</summary>
    public IReadOnlyDictionary<BrokenRowKind, long> BrokenByKind { get; }

    public long BrokenRowsOf(BrokenRowKind kind) => _brokenByKind[(int)kind];
}
