using System.ComponentModel.DataAnnotations;

namespace BreachPortal.Web.Registry.Import;

/// <summary>The <c>Registry:Import</c> section.</summary>
public sealed class RegistryImportOptions : IValidatableObject
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

    /// <summary>
    /// The size of the <see cref="NirFilter"/> in bits (a power of two), fixed rather than worked out from the file's
    /// size: a smaller filter holds back more new people, who are then merged through staging with the same result.
    /// </summary>
    [Range(64, NirFilter.MaxBits)]
    public int? NirFilterBits { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (NirFilterBits is { } bits && !System.Numerics.BitOperations.IsPow2(bits))
        {
            yield return new ValidationResult($"{Section}:{nameof(NirFilterBits)} must be a power of two (it is {bits}).", [nameof(NirFilterBits)]);
        }
    }
}
