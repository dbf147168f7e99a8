using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Warta.Web.Shared;

namespace Warta.Web.Accounts.Readers;

/// <summary>A page of a reader's own account: it shows or asks for personal data, so no cache, shared or the browser's, keeps it.</summary>
public abstract class ReaderAccountPage : SitePage
{
    /// <summary>The page's title, as the site layout shows it.</summary>
    protected abstract string Title { get; }

    protected override bool Indexable => false;

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        PageTitle = Title;
        // As the response starts: the antiforgery token of the page's form writes its own Cache-Control while the page renders.
        var response = Response;
        response.OnStarting(() =>
        {
            response.Headers.CacheControl = "no-store, private";
            return Task.CompletedTask;
        });
        base.OnPageHandlerExecuting(context);
    }

    /// <summary>The address asked for has had its hour's share of mail (<see cref="ReaderMailLimit"/>); the page says so.</summary>
    public bool MailLimited { get; private set; }

    /// <summary>
    /// The answer when an address has had its hour's share of mail. It tells nothing about accounts: the count is kept for
    /// every address typed, with an account or without.
    /// </summary>
    protected IActionResult TooManyMails()
    {
        MailLimited = true;
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        Response.Headers.RetryAfter = "3600";
        return Page();
    }

    /// <summary>Back to where the sign-in began, but only to a page of this site.</summary>
    protected string SafeReturnUrl(string? returnUrl) => Url.IsLocalUrl(returnUrl) ? returnUrl! : ReaderAccess.AccountPath;
}
