using Warta.Web.Commerce;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Members;

/// <summary>The plans on offer, the same for everyone: each leads to its checkout page, which asks the reader to sign in.</summary>
[CachedPage(Tags = [CacheTags.Lists, PlanWriter.CacheTag])]
public sealed class SubscribeModel(WartaDb db) : SitePage
{
    public IReadOnlyList<Plan> Plans { get; private set; } = [];

    public async Task OnGetAsync()
    {
        PageTitle = "Langganan";
        Description = "Paket langganan premium: analisis pasar, riset emiten dan kolom pilihan redaksi.";
        Plans = await PlansOnOffer.ReadAsync(db);
    }
}
