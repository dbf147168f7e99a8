using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Warta.Web.Accounts.Readers;
using Warta.Web.Commerce;

namespace Warta.Web.Members;

/// <summary>
/// A signed-in reader's checkout of one plan: the price after the voucher, then "Bayar" (or the free trial). A reader
/// whose email is not confirmed is told so and sent to the account page to ask for the confirmation again.
/// </summary>
[Authorize(Policy = ReaderAccess.Policy)]
public sealed class CheckoutModel(ReaderUserManager readers, Memberships memberships) : ReaderAccountPage
{
    protected override string Title => "Berlangganan";

    [BindProperty(SupportsGet = true)] public string Slug { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? Voucher { get; set; }

    public Plan Plan { get; private set; } = null!;
    public PlanPrice? Price { get; private set; }
    public ReaderUser Reader { get; private set; } = null!;
    public bool TrialOpen { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } stop) return stop;
        if (Price is null) return Refused(Error!);
        var outcome = await memberships.SubscribeAsync(Reader, Plan, Voucher, HttpContext.RequestAborted);
        return outcome.RedirectUrl is { } next ? Redirect(next) : Refused(outcome.Error!);
    }

    public async Task<IActionResult> OnPostTrialAsync()
    {
        if (await LoadAsync() is { } stop) return stop;
        var refused = await memberships.StartTrialAsync(Reader, Plan, HttpContext.RequestAborted);
        return refused is null ? Redirect(ReaderAccess.AccountPath) : Refused(refused);
    }

    async Task<IActionResult?> LoadAsync()
    {
        if (await readers.GetUserAsync(User) is not { } reader) return Challenge(ReaderAccess.Scheme);
        Reader = reader;
        if (await memberships.ActivePlanAsync(Slug, HttpContext.RequestAborted) is not { } plan) return NotFound();
        Plan = plan;
        (Price, Error) = await memberships.PriceAsync(plan, Voucher, reader.Id, HttpContext.RequestAborted);
        TrialOpen = await memberships.TrialOpenAsync(plan, reader.Id, HttpContext.RequestAborted);
        return null;
    }

    IActionResult Refused(string error)
    {
        Error = error;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
