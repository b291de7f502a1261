using System.ComponentModel.DataAnnotations;

namespace BreachPortal.Web.Registry.Import;

/// <summary>The <c>Registry:Import</c> section.</summary>
public sealed class RegistryImportOptions
{
    public const string Section = "Registry:Import";

    /// <summary>
    /// The fewest new people for which an import into a registry that already holds people rebuilds the identifier
    /// indexes instead of updating them (it also needs at least as many new people as the registry already holds).
    /// See <see cref="StagingMerge"/>; an import into an empty registry always builds them once, at the end.
    /// </summary>
    public long BulkMergeMinimumRows { get; set; } = 100_000;

    /// <summary>
    /// How many leading bits of a NIR index the load into an empty registry remembers to spot a repeat in the file
    /// (1 to 64). Fewer bits only send more lines through the exact, slower path; tests use that.
    /// </summary>
    [Range(1, 64)]
    public int DuplicateFilterBits { get; set; } = 64;

    /// <summary>How many held-back lines (rejects, possible repeats) the load into an empty registry keeps before writing them out.</summary>
    [Range(1, int.MaxValue)]
    public int HeldBackRowsPerFlush { get; set; } = 50_000;
}
