using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Accounts.Staff;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Commerce.Admin;

/// <summary>One order with its payment notices; an admin marks a bank transfer paid or refunds from here.</summary>
[StaffPolicy(StaffAccess.AdminPolicy)]
public sealed class OrderModel(WartaDb db, PaymentDesk desk) : StaffPage
{
    public Order Order { get; private set; } = null!;
    public string? ReaderEmail { get; private set; }
    public string? InvoiceNumber { get; private set; }
    public IReadOnlyList<PaymentNotice> Notices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string number) => await LoadAsync(number) ? Page() : NotFound();

    public Task<IActionResult> OnPostMarkPaidAsync(string number) => ActAsync(number, () => desk.MarkTransferPaidAsync(number, HttpContext, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostRefundAsync(string number, string? reason) => ActAsync(number, () => desk.RefundAsync(number, reason, HttpContext, HttpContext.RequestAborted));

    async Task<IActionResult> ActAsync(string number, Func<Task<PaymentDesk.Result>> act)
    {
        var result = await act();
        if (!await LoadAsync(number)) return NotFound();
        var errors = new Errors();
        if (!result.Done) errors.Add("order", result.Message, result.Message);
        Outcome(errors, result.Message);
        return Page();
    }

    async Task<bool> LoadAsync(string number)
    {
        db.ChangeTracker.Clear();
        if (await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Number == number) is not { } order) return false;
        Order = order;
        ReaderEmail = await db.Readers.Where(r => r.Id == order.ReaderId).Select(r => r.Email).SingleOrDefaultAsync();
        InvoiceNumber = await db.Invoices.Where(i => i.OrderId == order.Id).Select(i => i.Number).SingleOrDefaultAsync();
        Notices = await db.PaymentNotices.AsNoTracking().Where(n => n.OrderNumber == number).OrderBy(n => n.ReceivedAt).ThenBy(n => n.Id).ToListAsync();
        return true;
    }
}
