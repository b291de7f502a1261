using System.Text;
using System.Text.Encodings.Web;
using BreachPortal.Web.Notifications.Templates;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BreachPortal.Web.Pages.Staff.Templates;

/// <summary>What changed between two versions of one incident's template for one channel and language, line by line.</summary>
public sealed class DiffModel(TemplateService templates) : PageModel
{
    public MessageTemplate? From { get; private set; }

    public MessageTemplate? To { get; private set; }

    /// <summary>Set when the two versions cannot be compared; the page then says why.</summary>
    public string? Problem { get; private set; }

    public IReadOnlyList<DiffPart> Parts { get; private set; } = [];

    public IReadOnlyList<MessageTemplate> Versions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long? from, long? to)
    {
        var cancellationToken = HttpContext.RequestAborted;
        if (from is null || to is null)
        {
            Problem = "Staff.Templates.Diff.ChooseTwo";
            return Page();
        }

        From = from is > 0 and <= int.MaxValue ? await templates.GetAsync((int)from, cancellationToken) : null;
        To = to is > 0 and <= int.MaxValue ? await templates.GetAsync((int)to, cancellationToken) : null;
        if (From is null || To is null)
        {
            return NotFound();
        }

        if (From.IncidentId != To.IncidentId || From.Channel != To.Channel || !string.Equals(From.Language, To.Language, StringComparison.Ordinal))
        {
            Problem = "Staff.Templates.Diff.NotSameTemplate";
            return Page();
        }

        var target = To;
        Versions = (await templates.ListAsync(From.IncidentId, cancellationToken))
            .Where(v => v.Channel == target.Channel && v.Language == target.Language)
            .ToList();
        var parts = new List<DiffPart>();
        if (From.Subject is not null || To.Subject is not null)
        {
            parts.Add(new(TemplatePart.Subject, TemplateDiff.Lines(From.Subject, To.Subject)));
        }

        parts.Add(new(TemplatePart.Text, TemplateDiff.Lines(From.TextBody, To.TextBody)));
        if (From.HtmlBody is not null || To.HtmlBody is not null)
        {
            parts.Add(new(TemplatePart.Html, TemplateDiff.Lines(From.HtmlBody, To.HtmlBody)));
        }

        Parts = parts;
        return Page();
    }

    /// <summary>
    /// The lines for a <c>pre</c>: added in <c>ins</c>, removed in <c>del</c>, each also marked by a sign and by a word
    /// for screen readers, so that the difference does not rest on colour.
    /// </summary>
    public static IHtmlContent Render(IReadOnlyList<TemplateDiffLine> lines, string addedWord, string removedWord)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var encoder = HtmlEncoder.Default;
        var html = new StringBuilder();
        foreach (var line in lines)
        {
            var text = encoder.Encode(line.Text);
            html.Append(line.Kind switch
            {
                TemplateDiffKind.Added => $"<ins><span class=\"fr-sr-only\">{encoder.Encode(addedWord)} </span><span aria-hidden=\"true\">+ </span>{text}</ins>",
                TemplateDiffKind.Removed => $"<del><span class=\"fr-sr-only\">{encoder.Encode(removedWord)} </span><span aria-hidden=\"true\">− </span>{text}</del>",
                _ => $"<span aria-hidden=\"true\">  </span>{text}",
            }).Append('\n');
        }

        return new HtmlString(html.ToString());
    }

    public sealed record DiffPart(TemplatePart Part, IReadOnlyList<TemplateDiffLine> Lines)
    {
        public bool Changed => TemplateDiff.HasChanges(Lines);
    }
}
