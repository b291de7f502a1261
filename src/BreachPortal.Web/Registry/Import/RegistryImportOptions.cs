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

    /// <summary>How many problems of rejected lines the load into an empty registry keeps in memory before writing them out.</summary>
    [Range(1, int.MaxValue)]
    public int HeldBackRowsPerFlush { get; set; } = 50_000;
}
