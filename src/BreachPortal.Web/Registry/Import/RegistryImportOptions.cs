namespace BreachPortal.Web.Registry.Import;

/// <summary>The <c>Registry:Import</c> section.</summary>
public sealed class RegistryImportOptions
{
    public const string Section = "Registry:Import";

    /// <summary>
    /// The fewest new people for which an import rebuilds the registry's identifier indexes instead of updating them
    /// (it also needs at least as many new people as the registry already holds). See <see cref="StagingMerge"/>.
    /// </summary>
    public long BulkMergeMinimumRows { get; set; } = 100_000;
}
