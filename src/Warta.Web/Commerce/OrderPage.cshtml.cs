using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Warta.Web.Accounts.Readers;
using Warta.Web.Data;

namespace Warta.Web.Commerce;

[Authorize(Policy = ReaderAccess.Policy)]
public sealed class OrderPageModel(WartaDb db, Checkout checkout, TransferOptions transfer, ReaderUserManager readers) : ReaderOrderPage(db)
{
    protected override string Title => "Pesanan " + RouteData.Values["number"];

    public Order Order { get; private set; } = null!;
    public string? InvoiceNumber { get; private set; }
    public TransferOptions Transfer => transfer;
    public string? GatewayError { get; private set; }

    public async Task<IActionResult> OnGetAsync(string number)
    {
        if (await OwnOrderAsync(number) is not { } order) return NotFound();
        Order = order;
        InvoiceNumber = (await InvoiceOfAsync(order.Id))?.Number;
        return Page();
    }

    /// <summary>"Bayar sekarang" on a pending order whose payment page was never made.</summary>
    public async Task<IActionResult> OnPostAsync(string number)
    {
        if (await OwnOrderAsync(number) is not { } order) return NotFound();
        Order = order;
        if (order.Status != OrderStatus.Pending || order.Gateway is Checkout.Transfer or Checkout.Free) return RedirectToPage();
        if (await readers.GetUserAsync(User) is not { } reader) return Challenge(ReaderAccess.Scheme);
        try
        {
            return Redirect(await checkout.ResumeAsync(order, reader, HttpContext.RequestAborted));
        }
        catch (PaymentGatewayException e)
        {
            GatewayError = e.Message;
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }
    }
}
