using BreachPortal.Web.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BreachPortal.Web.Pages.Dev;

/// <summary>Development only: what the in-memory mail sink received, so a newcomer can follow invitations locally.</summary>
public sealed class MailboxModel(IWebHostEnvironment environment, DevelopmentMailbox mailbox) : PageModel
{
    public IReadOnlyList<ReceivedEmail> Messages { get; private set; } = [];

    public IActionResult OnGet()
    {
        if (!environment.IsDevelopment())
        {
            return NotFound();
        }

        Messages = mailbox.Messages;
        return Page();
    }
}
