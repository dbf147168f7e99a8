using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Accounts.Staff;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Commerce.Admin;

/// <summary>Every order, newest first, narrowed by status and by the WIB day it was placed.</summary>
[StaffPolicy(StaffAccess.AdminPolicy)]
public sealed class OrdersModel(WartaDb db) : StaffPage
{
    [BindProperty(SupportsGet = true, Name = "status")] public OrderStatus? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "dari")] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "sampai")] public DateOnly? Until { get; set; }

    public IReadOnlyList<Order> Orders { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var query = db.Orders.AsNoTracking();
        if (Status is { } status) query = query.Where(o => o.Status == status);
        if (From is { } from)
        {
            var start = Indonesian.FromWib(from.ToDateTime(TimeOnly.MinValue));
            query = query.Where(o => o.CreatedAt >= start);
        }
        if (Until is { } until)
        {
            var end = Indonesian.FromWib(until.AddDays(1).ToDateTime(TimeOnly.MinValue));
            query = query.Where(o => o.CreatedAt < end);
        }
        Orders = await query.OrderByDescending(o => o.CreatedAt).Take(500).ToListAsync();
    }
}
