namespace BreachPortal.Web.Authority;

/// <summary>Resource keys of the record's items and of their answers, shared by the record pages and the Art. 33 report.</summary>
public static class AuthorityRecordLabels
{
    public const string NotKnown = "Staff.Authority.Record.NotKnown";

    /// <summary>The label of an item, by its name on <see cref="AuthorityRecordChange"/> (also the field's name on the edit page).</summary>
    public static string Item(string name) => $"Staff.Authority.Record.Item.{name}";

    public static string Value(BreachCertainty value) => $"Staff.Authority.Record.Certainty.{value}";

    public static string Value(BreachCause value) => $"Staff.Authority.Record.Cause.{value}";

    public static string Value(PeopleInformed value) => $"Staff.Authority.Record.Informed.{value}";

    public static string Value(bool value) => value ? "Staff.Authority.Record.Yes" : "Staff.Authority.Record.No";

    /// <summary>One flag of <see cref="BreachOrigins"/>, <see cref="BreachTypes"/> or <see cref="LikelyConsequences"/>.</summary>
    public static string Flag<TFlags>(TFlags flag) where TFlags : struct, Enum => $"Staff.Authority.Record.{typeof(TFlags).Name}.{flag}";

    /// <summary>The single flags of a set, in declaration order (None and combinations left out).</summary>
    public static IReadOnlyList<TFlags> Split<TFlags>(TFlags set) where TFlags : struct, Enum
    {
        var bits = Convert.ToInt64(set, System.Globalization.CultureInfo.InvariantCulture);
        return [.. All<TFlags>().Where(f => (bits & Convert.ToInt64(f, System.Globalization.CultureInfo.InvariantCulture)) != 0)];
    }

    /// <summary>Every single flag of the type, in declaration order.</summary>
    public static IReadOnlyList<TFlags> All<TFlags>() where TFlags : struct, Enum =>
        [.. Enum.GetValues<TFlags>().Where(f => Convert.ToInt64(f, System.Globalization.CultureInfo.InvariantCulture) is var b && b != 0 && (b & (b - 1)) == 0)];
}
