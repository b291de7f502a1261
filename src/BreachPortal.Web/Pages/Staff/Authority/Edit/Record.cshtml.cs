using System.Globalization;
using BreachPortal.Web.Authority;
using BreachPortal.Web.Incidents;
using BreachPortal.Web.Localization;
using BreachPortal.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BreachPortal.Web.Pages.Staff.Authority.Edit;

/// <summary>The Operator edits every item of an incident's record for the CNIL, and the incident's dates, in one form.</summary>
public sealed class RecordModel(AuthorityRecords records, IStringLocalizer<SharedResource> text) : PageModel
{
    /// <summary>Processors: the form's answers besides "not known yet".</summary>
    public const string NoProcessor = "none";

    public const string ListedProcessors = "listed";

    public static IReadOnlyList<DatePrecision> Precisions { get; } = [DatePrecision.Unknown, DatePrecision.Year, DatePrecision.Month, DatePrecision.Day, DatePrecision.Exact];

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public AuthorityRecordView View { get; private set; } = null!;

    /// <summary>After a refused save because someone saved meanwhile: the labels of the items saved with other values.</summary>
    public IReadOnlyList<string>? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference)
    {
        // The form shows the whole record: opening it is a view like any other.
        var view = await records.FindAsync(reference, StaffActor.Of(HttpContext), HttpContext.RequestAborted);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        Input = InputModel.From(AuthorityRecordChange.From(view.Incident, view.Record));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference)
    {
        var view = await records.FindAsync(reference, null, HttpContext.RequestAborted);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        var change = Parse();
        if (change is not null)
        {
            // Every error at once: the record's own rules are checked even when the form has errors of its own.
            AddErrors(AuthorityRecords.Validate(AuthorityRecords.Normalize(change)));
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await records.SaveAsync(reference, change!, StaffActor.Of(HttpContext), HttpContext.RequestAborted);
        switch (result.Outcome)
        {
            case AuthorityRecordSaveOutcome.NotFound:
                return NotFound();
            case AuthorityRecordSaveOutcome.Invalid:
                AddErrors(result.Errors);
                return Page();
            case AuthorityRecordSaveOutcome.Conflict:
                // The typed values stay; the form now carries the saved version, so saving again is a deliberate overwrite.
                View = (await records.FindAsync(reference, null, HttpContext.RequestAborted))!;
                var saved = AuthorityRecordChange.From(View.Incident, View.Record);
                Input.Version = saved.ExpectedVersion?.ToString(CultureInfo.InvariantCulture) ?? "";
                Input.Dates = saved.ExpectedDates;
                Conflict = [.. result.Changed.Select(item => text[AuthorityRecordLabels.Item(item)].Value)];
                return Page();
            default:
                return RedirectToPage("/Staff/Authority/Record", new { reference = View.Incident.Reference, done = result.Outcome == AuthorityRecordSaveOutcome.Saved ? "saved" : "unchanged" });
        }
    }

    private void AddErrors(IEnumerable<AuthorityRecordError> errors)
    {
        foreach (var error in errors)
        {
            var key = $"Input.{error.Field}";
            if (ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0)
            {
                continue;
            }

            ModelState.AddModelError(key, text[$"Staff.Authority.Record.Error.{error.Problem}", text[AuthorityRecordLabels.Item(error.Field)], AuthorityRecord.TextMaxLength]);
        }
    }

    private AuthorityRecordChange? Parse()
    {
        var version = default(uint?);
        if (!string.IsNullOrEmpty(Input.Version))
        {
            if (!uint.TryParse(Input.Version, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                ModelState.AddModelError("", text["Staff.Authority.Record.Error.Version"]);
                return null;
            }

            version = parsed;
        }

        var form = new AuthorityFormBinder();
        var change = new AuthorityRecordChange
        {
            Started = Date(form, nameof(InputModel.Started), Input.Started),
            Ended = Date(form, nameof(InputModel.Ended), Input.Ended),
            Detected = Date(form, nameof(InputModel.Detected), Input.Detected),
            Certainty = form.Choice<BreachCertainty>(nameof(InputModel.Certainty), Input.Certainty),
            Ongoing = form.Answer(nameof(InputModel.Ongoing), Input.Ongoing),
            HowDiscovered = Input.HowDiscovered,
            Origins = form.Flags<BreachOrigins>(nameof(InputModel.Origins), Input.Origins),
            OriginDetail = Input.OriginDetail,
            Types = form.Flags<BreachTypes>(nameof(InputModel.Types), Input.Types),
            Cause = form.Choice<BreachCause>(nameof(InputModel.Cause), Input.Cause),
            Processors = ParseProcessors(),
            PeopleCategories = Input.PeopleCategories,
            ApproximatePeople = form.Number(nameof(InputModel.ApproximatePeople), Input.ApproximatePeople),
            DirectlyIdentifiable = form.Answer(nameof(InputModel.DirectlyIdentifiable), Input.DirectlyIdentifiable),
            ApproximateRecords = form.Number(nameof(InputModel.ApproximateRecords), Input.ApproximateRecords),
            StorageMedium = Input.StorageMedium,
            Consequences = form.Flags<LikelyConsequences>(nameof(InputModel.Consequences), Input.Consequences),
            ConsequencesDetail = Input.ConsequencesDetail,
            ImmediateMeasures = Input.ImmediateMeasures,
            MediumTermMeasures = Input.MediumTermMeasures,
            LongTermMeasures = Input.LongTermMeasures,
            Informed = form.Choice<PeopleInformed>(nameof(InputModel.Informed), Input.Informed),
            HowInformed = Input.HowInformed,
            LateReason = Input.LateReason,
            ExpectedVersion = version,
            ExpectedDates = Input.Dates ?? "",
        };
        foreach (var error in form.Errors)
        {
            ModelState.AddModelError($"Input.{error.Field}", text[$"Staff.Authority.Record.Error.{error.Problem}", text[AuthorityRecordLabels.Item(error.Field)]]);
        }

        return change;
    }

    private static IncidentDate Date(AuthorityFormBinder form, string item, DateInput input) => form.Date(item, input.Precision, input.Date, input.Time);

    /// <summary>A list typed under another answer is more likely a forgotten choice than text to throw away: it is refused.</summary>
    private string? ParseProcessors()
    {
        var listed = !string.IsNullOrWhiteSpace(Input.Processors);
        if (Input.ProcessorsKnown == ListedProcessors ? listed : !listed)
        {
            return Input.ProcessorsKnown switch
            {
                ListedProcessors => Input.Processors,
                NoProcessor => "",
                _ => null,
            };
        }

        ModelState.AddModelError($"Input.{nameof(InputModel.Processors)}", text[listed ? "Staff.Authority.Record.Error.ProcessorsNotListed" : "Staff.Authority.Record.Error.ProcessorsMissing"]);
        return null;
    }

    public sealed class DateInput
    {
        public string? Precision { get; set; } = nameof(DatePrecision.Unknown);

        /// <summary>yyyy-MM-dd in Paris time; for a month or a year, any day of it.</summary>
        public string? Date { get; set; }

        /// <summary>HH:mm in Paris time, for an exact date only.</summary>
        public string? Time { get; set; }

        public static DateInput From(IncidentDate date)
        {
            if (date.At is not { } at)
            {
                return new DateInput();
            }

            var local = IncidentDate.InParis(at);
            return new DateInput
            {
                Precision = date.Precision.ToString(),
                Date = local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Time = date.Precision != DatePrecision.Exact ? null : local.ToString(local.Second == 0 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture),
            };
        }
    }

    /// <summary>What the form posts, as typed: parsed on submission so that every value comes back as it was written.</summary>
    public sealed class InputModel
    {
        public DateInput Started { get; set; } = new();

        public DateInput Ended { get; set; } = new();

        public DateInput Detected { get; set; } = new();

        public string? Certainty { get; set; }

        public string? Ongoing { get; set; }

        public string? HowDiscovered { get; set; }

        public List<string> Origins { get; set; } = [];

        public string? OriginDetail { get; set; }

        public List<string> Types { get; set; } = [];

        public string? Cause { get; set; }

        public string? ProcessorsKnown { get; set; }

        public string? Processors { get; set; }

        public string? PeopleCategories { get; set; }

        public string? ApproximatePeople { get; set; }

        public string? DirectlyIdentifiable { get; set; }

        public string? ApproximateRecords { get; set; }

        public string? StorageMedium { get; set; }

        public List<string> Consequences { get; set; } = [];

        public string? ConsequencesDetail { get; set; }

        public string? ImmediateMeasures { get; set; }

        public string? MediumTermMeasures { get; set; }

        public string? LongTermMeasures { get; set; }

        public string? Informed { get; set; }

        public string? HowInformed { get; set; }

        public string? LateReason { get; set; }

        /// <summary>The record's version when the form was loaded; empty when there was no record.</summary>
        public string? Version { get; set; }

        /// <summary>The incident's dates when the form was loaded.</summary>
        public string? Dates { get; set; }

        public static InputModel From(AuthorityRecordChange change)
        {
            ArgumentNullException.ThrowIfNull(change);
            return new InputModel
            {
                Started = DateInput.From(change.Started),
                Ended = DateInput.From(change.Ended),
                Detected = DateInput.From(change.Detected),
                Certainty = change.Certainty?.ToString() ?? AuthorityFormBinder.Unknown,
                Ongoing = Answer(change.Ongoing),
                HowDiscovered = change.HowDiscovered,
                Origins = Flags(change.Origins),
                OriginDetail = change.OriginDetail,
                Types = Flags(change.Types),
                Cause = change.Cause?.ToString() ?? AuthorityFormBinder.Unknown,
                ProcessorsKnown = change.Processors switch
                {
                    null => AuthorityFormBinder.Unknown,
                    "" => NoProcessor,
                    _ => ListedProcessors,
                },
                Processors = change.Processors,
                PeopleCategories = change.PeopleCategories,
                ApproximatePeople = change.ApproximatePeople?.ToString(CultureInfo.InvariantCulture),
                DirectlyIdentifiable = Answer(change.DirectlyIdentifiable),
                ApproximateRecords = change.ApproximateRecords?.ToString(CultureInfo.InvariantCulture),
                StorageMedium = change.StorageMedium,
                Consequences = Flags(change.Consequences),
                ConsequencesDetail = change.ConsequencesDetail,
                ImmediateMeasures = change.ImmediateMeasures,
                MediumTermMeasures = change.MediumTermMeasures,
                LongTermMeasures = change.LongTermMeasures,
                Informed = change.Informed?.ToString() ?? AuthorityFormBinder.Unknown,
                HowInformed = change.HowInformed,
                LateReason = change.LateReason,
                Version = change.ExpectedVersion?.ToString(CultureInfo.InvariantCulture) ?? "",
                Dates = change.ExpectedDates,
            };
        }

        private static string Answer(bool? value) => value switch
        {
            true => AuthorityFormBinder.Yes,
            false => AuthorityFormBinder.No,
            null => AuthorityFormBinder.Unknown,
        };

        private static List<string> Flags<TFlags>(TFlags? value) where TFlags : struct, Enum =>
            value is { } set ? [.. AuthorityRecordLabels.Split(set).Select(f => f.ToString())] : [AuthorityFormBinder.Unknown];
    }
}
