namespace BreachPortal.Web.Localization;

/// <summary>Marker for the interface texts in SharedResource.resx (French) and SharedResource.en.resx.</summary>
#pragma warning disable CA1052 // A marker type for IStringLocalizer<T>; it is never instantiated.
public sealed class SharedResource;
#pragma warning restore CA1052
