using System.Diagnostics.CodeAnalysis;

namespace BreachPortal.Web.Registry.Normalisation;

/// <summary>Either the normalised form of an input or the reason it was refused; the raw input is never kept.</summary>
public readonly record struct Normalized<TReason>(string? Value, TReason? Reason)
    where TReason : struct, Enum
{
    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsValid => Reason is null && Value is not null;
}
