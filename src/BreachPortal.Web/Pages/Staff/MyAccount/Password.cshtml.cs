using System.ComponentModel.DataAnnotations;
using BreachPortal.Web.Staff;
using BreachPortal.Web.Staff.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BreachPortal.Web.Pages.Staff.MyAccount;

/// <summary>A new password ends every session of the account, this one included: the person signs in again.</summary>
public sealed class PasswordModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, AuditLog audit) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "Input.CurrentPassword" : "Input.NewPassword", error.Description);
            }

            return Page();
        }

        await audit.AppendAsync(AuditEntry.AboutStaff(AuditEventType.PasswordChanged, StaffActor.Of(HttpContext), user.Id), HttpContext.RequestAborted);
        await signIn.SignOutAsync();
        return RedirectToPage("/Staff/Account/SignIn", new { ended = "password" });
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Staff.Field.Required")]
        [StringLength(512, ErrorMessage = "Staff.Field.TooLong")]
        [DataType(DataType.Password)]
        [Display(Name = "Staff.Field.CurrentPasswordLabel")]
        public string CurrentPassword { get; set; } = "";

        [Required(ErrorMessage = "Staff.Field.Required")]
        [StringLength(512, ErrorMessage = "Staff.Field.TooLong")]
        [DataType(DataType.Password)]
        [Display(Name = "Staff.Field.NewPasswordLabel")]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = "Staff.Field.Required")]
        [Compare(nameof(NewPassword), ErrorMessage = "Staff.Field.PasswordsDiffer")]
        [DataType(DataType.Password)]
        [Display(Name = "Staff.Field.ConfirmPasswordLabel")]
        public string ConfirmPassword { get; set; } = "";
    }
}
