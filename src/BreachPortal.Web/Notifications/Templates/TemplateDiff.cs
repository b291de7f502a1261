namespace BreachPortal.Web.Notifications.Templates;

public enum TemplateDiffKind
{
    Same,
    Removed,
    Added,
}

public readonly record struct TemplateDiffLine(TemplateDiffKind Kind, string Text);

/// <summary>
/// The lines two template versions share, and those one removed or added: a longest-common-subsequence diff, removals
/// before additions where lines changed, as staff read a review.
/// </summary>
public static class TemplateDiff
{
    /// <summary>Above this many cells the table would cost too much memory: the changed block is shown as replaced.</summary>
    public const int MaxCells = 4_000_000;

    /// <param name="before">The older text; null counts as empty.</param>
    /// <param name="after">The newer text; null counts as empty.</param>
    public static IReadOnlyList<TemplateDiffLine> Lines(string? before, string? after)
    {
        var a = Split(before);
        var b = Split(after);
        var start = 0;
        while (start < a.Length && start < b.Length && string.Equals(a[start], b[start], StringComparison.Ordinal))
        {
            start++;
        }

        var endA = a.Length;
        var endB = b.Length;
        while (endA > start && endB > start && string.Equals(a[endA - 1], b[endB - 1], StringComparison.Ordinal))
        {
            endA--;
            endB--;
        }

        var result = new List<TemplateDiffLine>(Math.Max(a.Length, b.Length));
        result.AddRange(a[..start].Select(l => new TemplateDiffLine(TemplateDiffKind.Same, l)));
        Middle(a[start..endA], b[start..endB], result);
        result.AddRange(a[endA..].Select(l => new TemplateDiffLine(TemplateDiffKind.Same, l)));
        return result;
    }

    public static bool HasChanges(IReadOnlyList<TemplateDiffLine> lines) => lines.Any(l => l.Kind != TemplateDiffKind.Same);

    private static string[] Split(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.ReplaceLineEndings("\n").Split('\n');

    private static void Middle(string[] a, string[] b, List<TemplateDiffLine> result)
    {
        if ((long)(a.Length + 1) * (b.Length + 1) > MaxCells)
        {
            result.AddRange(a.Select(l => new TemplateDiffLine(TemplateDiffKind.Removed, l)));
            result.AddRange(b.Select(l => new TemplateDiffLine(TemplateDiffKind.Added, l)));
            return;
        }

        // common[i * width + j]: length of the longest common subsequence of a[i..] and b[j..].
        var width = b.Length + 1;
        var common = new int[(a.Length + 1) * width];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                common[(i * width) + j] = string.Equals(a[i], b[j], StringComparison.Ordinal)
                    ? common[((i + 1) * width) + j + 1] + 1
                    : Math.Max(common[((i + 1) * width) + j], common[(i * width) + j + 1]);
            }
        }

        int x = 0, y = 0;
        while (x < a.Length && y < b.Length)
        {
            if (string.Equals(a[x], b[y], StringComparison.Ordinal))
            {
                result.Add(new(TemplateDiffKind.Same, a[x++]));
                y++;
            }
            else if (common[((x + 1) * width) + y] >= common[(x * width) + y + 1])
            {
                result.Add(new(TemplateDiffKind.Removed, a[x++]));
            }
            else
            {
                result.Add(new(TemplateDiffKind.Added, b[y++]));
            }
        }

        while (x < a.Length)
        {
            result.Add(new(TemplateDiffKind.Removed, a[x++]));
        }

        while (y < b.Length)
        {
            result.Add(new(TemplateDiffKind.Added, b[y++]));
        }
    }
}
