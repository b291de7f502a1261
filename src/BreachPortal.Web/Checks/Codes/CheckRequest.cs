using BreachPortal.Web.Registry.Protection;

namespace BreachPortal.Web.Checks.Codes;

/// <summary>A code asked for: the contact's blind index and the language the code message is written in.</summary>
public sealed record CheckRequest(BlindIndexKind Kind, byte[] ContactIndex, string Language);
