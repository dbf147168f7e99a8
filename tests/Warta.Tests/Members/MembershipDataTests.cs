using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;
using Warta.Web.Members;

namespace Warta.Tests.Members;

/// <summary>A reader's subscriptions, orders and invoices in their data export; erasure keeps the books.</summary>
public class MembershipDataTests(WartaFactory app) : IClassFixture<WartaFactory>
{
    [Fact]
    public async Task The_export_holds_periods_orders_and_invoices_and_erasure_removes_the_periods_but_keeps_orders_and_invoices()
    {
        var plan = await app.PlanAsync("paket-data", price: 49_000);
        var reader = await app.ReaderAsync("data@pembaca.test");
        string number;
        using (var scope = app.Services.CreateScope())
        {
            var start = await scope.ServiceProvider.GetRequiredService<ICheckout>().StartAsync(reader, new OrderDraft(OrderKinds.Subscription, plan.Slug, "Paket data, 1 bulan", 49_000));
            number = start.OrderNumber;
        }
        await app.MoveAsync(number, OrderStatus.Paid);

        using (var scope = app.Services.CreateScope())
        {
            var share = scope.ServiceProvider.GetServices<IPersonalData>().Single(d => d.Section == "langganan");
            var export = JsonSerializer.SerializeToElement(await share.ExportAsync(reader.Id, CancellationToken.None));
            Assert.Equal("Paket paket-data", export.GetProperty("subscriptions")[0].GetProperty("plan").GetString());
            Assert.Equal(number, export.GetProperty("orders")[0].GetProperty("number").GetString());
            Assert.Equal(49_000, export.GetProperty("invoices")[0].GetProperty("amountRupiah").GetInt64());
            await share.EraseAsync(reader.Id, CancellationToken.None);
        }
        Assert.Empty(await app.PeriodsAsync(reader.Id));
        Assert.Single(await app.OrdersAsync(reader.Id));
        Assert.Equal(1, await app.InDbAsync(db => db.Invoices.CountAsync(i => i.ReaderId == reader.Id)));
    }
}
