using BreachPortal.Web.Hosting;
using BreachPortal.Web.Localization;
using BreachPortal.Web.Registry.Lookup;
using BreachPortal.Web.Registry.Protection;
using BreachPortal.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BreachPortal.Web.Pages.Staff.People;

/// <summary>
/// An operator opens one person's record: by an exact identifier and with a reason, through a POST only, so the
/// identifier is never in an address, a history or a log of URLs. The identifier is never written back into the page.
/// </summary>
public sealed class LookupModel(PersonLookup lookup, IStringLocalizer<SharedResource> text) : PageModel
{
    public static IReadOnlyList<BlindIndexKind> Kinds { get; } =
        [BlindIndexKind.Nir, BlindIndexKind.FranceTravailId, BlindIndexKind.Email, BlindIndexKind.Phone];

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public PersonLookupResult? Result { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Response.ForbidStoring();
        var kind = Kinds.Cast<BlindIndexKind?>().FirstOrDefault(k => string.Equals(k.ToString(), Input.Kind, StringComparison.Ordinal));
        if (kind is null)
        {
            ModelState.AddModelError("Input.Kind", text["Staff.Lookup.Error.KindRequired"]);
            if (PersonLookup.CheckReason(Input.Reason) is { } reasonError)
            {
                ModelState.AddModelError("Input.Reason", text[reasonError, PersonLookup.ReasonMinLength, PersonLookup.ReasonMaxLength]);
            }
        }

        if (!ModelState.IsValid)
        {
            Input.Value = null;
            return Page();
        }

        var result = await lookup.LookupAsync(kind!.Value, Input.Value, Input.Reason, StaffActor.Of(HttpContext), HttpContext.RequestAborted);
        Input.Value = null;
        if (result.Error is { } error)
        {
            ModelState.AddModelError(error.Field == PersonLookupField.Value ? "Input.Value" : "Input.Reason", error.Message);
            return Page();
        }

        // Each lookup needs its own reason: the one just given is not offered again.
        Input.Reason = null;
        Result = result;
        return Page();
    }

    public sealed class InputModel
    {
        public string? Kind { get; set; }

        public string? Value { get; set; }

        public string? Reason { get; set; }
    }
}
