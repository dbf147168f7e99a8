using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Commerce;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Members;

/// <summary>The plans on offer, in the order the plans page lists them.</summary>
public static class PlansOnOffer
{
    public static Task<List<Plan>> ReadAsync(WartaDb db) =>
        db.Plans.AsNoTracking().Where(p => p.Active).OrderBy(p => p.SortOrder).ThenBy(p => p.PriceRupiah).ToListAsync();
}

/// <summary>
/// The plans and their prices inside the paywall box (<c>Component.InvokeAsync("PaywallPlans")</c>, by name, so the story
/// page knows no Members type). The cut page that shows them is shared from the cache, so it takes the plans' tag: a
/// price change evicts it with the plans page.
/// </summary>
public sealed class PaywallPlansViewComponent(CachedReads reads) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        CacheTags.Tag(HttpContext, PlanWriter.CacheTag);
        var plans = await reads.GetOrReadAsync(PlanWriter.CacheTag, "offered", TimeSpan.FromMinutes(5),
            services => PlansOnOffer.ReadAsync(services.GetRequiredService<WartaDb>()));
        return plans.Count == 0 ? Content("") : View("/Members/_PaywallPlans.cshtml", plans);
    }
}
