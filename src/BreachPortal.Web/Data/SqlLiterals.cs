using System.Globalization;

namespace BreachPortal.Web.Data;

/// <summary>
/// Enum values spelled into SQL text, from the enums themselves. Text, not parameters: a partial index serves a
/// query only when the query's own predicate implies the index's (<c>status IN (0, 4)</c>), which a parameter's
/// value cannot show the planner.
/// </summary>
public static class SqlLiterals
{
    /// <summary>A value stored as its number: <c>4</c>.</summary>
    public static string Number<TEnum>(TEnum value) where TEnum : struct, Enum =>
        Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);

    /// <summary>Values stored as numbers, as an IN list: <c>(0, 4)</c>.</summary>
    public static string List<TEnum>(IEnumerable<TEnum> values) where TEnum : struct, Enum =>
        "(" + string.Join(", ", values.Select(Number)) + ")";

    /// <summary>A value stored as its name: <c>'Completed'</c>.</summary>
    public static string Name<TEnum>(TEnum value) where TEnum : struct, Enum => "'" + value + "'";
}
