using System.ComponentModel.DataAnnotations;
using BreachPortal.Web.Localization;
using BreachPortal.Web.Staff;
using BreachPortal.Web.Staff.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BreachPortal.Web.Pages.Staff.Admin;

/// <summary>The only way an account comes to exist besides create-admin: an administrator invites a colleague.</summary>
public sealed class InviteModel(StaffAccounts accounts, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Input.Roles.Count == 0)
        {
            ModelState.AddModelError("Input.Roles", text["Staff.Error.RolesRequired"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var (result, invitation) = await accounts.InviteAsync(StaffActor.Of(HttpContext), Input.Email, Input.Roles, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(result.ErrorKey == "Staff.Error.RolesRequired" ? "Input.Roles" : "Input.Email", text[result.ErrorKey!]);
            return Page();
        }

        TempData["Staff.Notice"] = "Staff.Admin.Invited";
        return RedirectToPage("Account", new { id = invitation!.User.Id });
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Staff.Field.Required")]
        [EmailAddress(ErrorMessage = "Staff.Field.Email")]
        [StringLength(254, ErrorMessage = "Staff.Field.TooLong")]
        [Display(Name = "Staff.Field.EmailLabel")]
        public string Email { get; set; } = "";

        public List<string> Roles { get; set; } = [];
    }
}
