using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Warta.Web.Accounts.Readers;

/// <summary>
/// A public form that mails a link to the address typed in it (resending the confirmation, resetting the password). The
/// answer is the same whether the address has an account or not, and as quick: the mail, when there is one, leaves in the
/// background. Limited per IP address (<see cref="ReaderAccounts.MailLimit"/>) and per address typed (<see cref="ReaderMailLimit"/>).
/// </summary>
[EnableRateLimiting(ReaderAccounts.MailLimit)]
public abstract class MailLinkRequestPage(ReaderUserManager readers, ReaderMailLimit mailLimit) : ReaderAccountPage
{
    [BindProperty] public string? Email { get; set; }
    public bool Invalid { get; private set; }
    public bool Sent { get; private set; }

    /// <summary>Whether this account gets the link (an open account always; a confirmed one needs no confirmation link).</summary>
    protected abstract bool Needs(ReaderUser reader);

    protected abstract Task SendAsync(ReaderUser reader);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var email = Email?.Trim() ?? "";
        if (!RegisterModel.IsEmailAddress(email))
        {
            Invalid = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (!mailLimit.TryTake(email)) return TooManyMails();
        if (await readers.FindByEmailAsync(email) is { DisabledAt: null } reader && Needs(reader)) await SendAsync(reader);
        Email = email;
        Sent = true;
        return Page();
    }
}
