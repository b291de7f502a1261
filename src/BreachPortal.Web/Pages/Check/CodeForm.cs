namespace BreachPortal.Web.Pages.Check;

/// <summary>What the code form (<c>_CodeForm</c>) shows: the error beside the field, if any.</summary>
/// <param name="Error">The message for the field, already in the visitor's language.</param>
public sealed record CodeForm(string? Error);
