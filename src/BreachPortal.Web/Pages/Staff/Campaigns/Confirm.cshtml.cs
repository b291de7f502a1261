using BreachPortal.Web.Data;
using BreachPortal.Web.Notifications.Campaigns;
using BreachPortal.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BreachPortal.Web.Pages.Staff.Campaigns;

/// <summary>
/// Says what an action on a campaign will do, to how many people, before an Operator does it; the POST performs it
/// through <see cref="CampaignService"/>, which guards the status, enforces four eyes and audits.
/// </summary>
public sealed class ConfirmModel(PortalDbContext db, CampaignService campaigns) : PageModel
{
    public CampaignView View { get; private set; } = null!;

    public string Operation { get; private set; } = "";

    public bool IsCreator { get; private set; }

    /// <summary>Why the action cannot be done (now), as a resource key; null when it can.</summary>
    public CampaignProblem? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, string operation)
    {
        return await LoadAsync(id, operation) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(int id, string operation)
    {
        if (!await LoadAsync(id, operation))
        {
            return NotFound();
        }

        // The service knows "start" and "resume" as one call: the status read here keeps each button to its meaning.
        if (Operation != "approve" && !CampaignLabels.Allows(Operation, View.Campaign.Status))
        {
            Refusal = CampaignProblem.WrongStatus;
            return Page();
        }

        var actor = StaffActor.Of(HttpContext);
        var cancellationToken = HttpContext.RequestAborted;
        var outcome = Operation switch
        {
            "approve" => await campaigns.ApproveAsync(id, actor, cancellationToken),

            // The dispatchers write the ledger: the page answers at once, whatever the number of people.
            "start" or "resume" => await campaigns.LaunchAsync(id, actor, cancellationToken),
            "pause" => await campaigns.PauseAsync(id, actor, cancellationToken),
            _ => await campaigns.CancelAsync(id, actor, cancellationToken),
        };
        if (!outcome.Succeeded)
        {
            Refusal = outcome.Problem;
            View = (await CampaignView.LoadAsync(db, id, cancellationToken))!;
            return Page();
        }

        return RedirectToPage("/Staff/Campaigns/Details", new { id, done = Operation });
    }

    private async Task<bool> LoadAsync(int id, string operation)
    {
        if (!CampaignLabels.IsAction(operation))
        {
            return false;
        }

        var view = await CampaignView.LoadAsync(db, id, HttpContext.RequestAborted);
        if (view is null)
        {
            return false;
        }

        View = view;
        Operation = operation;
        IsCreator = StaffActor.Id(User) == view.Campaign.CreatedBy;
        return true;
    }
}
