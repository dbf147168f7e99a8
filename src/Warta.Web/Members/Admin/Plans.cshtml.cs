using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Accounts.Staff;
using Warta.Web.Commerce;
using Warta.Web.Data;

namespace Warta.Web.Members.Admin;

[StaffPolicy(StaffAccess.AdminPolicy)]
public sealed class PlansModel(WartaDb db, PlanWriter writer) : StaffPage
{
    public IReadOnlyList<Plan> Plans { get; private set; } = [];
    [BindProperty(SupportsGet = true, Name = "ubah")] public int? EditId { get; set; }
    public int? FormId { get; private set; }
    public PlanInput Form { get; private set; } = new() { Period = nameof(BillingPeriod.Monthly), TrialDays = "0", SortOrder = "0" };

    public async Task<IActionResult> OnGetAsync()
    {
        if (EditId is { } id)
        {
            var plan = await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id);
            if (plan is null) return NotFound();
            (FormId, Form) = (plan.Id, new PlanInput
            {
                Slug = plan.Slug, Name = plan.Name, Description = plan.Description, Period = plan.Period.ToString(),
                Price = plan.PriceRupiah.ToString(System.Globalization.CultureInfo.InvariantCulture),
                TrialDays = plan.TrialDays.ToString(System.Globalization.CultureInfo.InvariantCulture), SortOrder = plan.SortOrder.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(int? id, PlanInput form)
    {
        var (plan, errors) = id is { } existing ? await writer.UpdatePlanAsync(existing, form, HttpContext) : await writer.CreatePlanAsync(form, HttpContext);
        Outcome(errors, $"Paket {plan?.Name} disimpan.");
        if (errors.Any) (FormId, Form) = (id, form);
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostActiveAsync(int id, bool active)
    {
        Outcome(await writer.SetPlanActiveAsync(id, active, HttpContext), active ? "Paket ditawarkan lagi." : "Paket tidak ditawarkan lagi; langganan yang berjalan tetap berlaku.");
        await LoadAsync();
        return Page();
    }

    async Task LoadAsync() => Plans = await db.Plans.AsNoTracking().OrderBy(p => p.SortOrder).ThenBy(p => p.Id).ToListAsync();
}
