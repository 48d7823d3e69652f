using MilleLivres.Core.Data;
using MilleLivres.Core.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MilleLivres.Core;

public static class DependencyInjection
{
    public static IServiceCollection AddMilleLivresCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        services.AddOptions<PackingOptions>().Bind(configuration.GetSection(PackingOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PackingOptions>, PackingOptionsValidator>();
        services.AddSingleton<Pdf.IPdfRenderer, Pdf.SkiaPdfRenderer>();
        services.AddSingleton<Packing.PackingSlipRenderer>();
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<AppDbContext>((sp, options) =>
        {
            var db = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            options.UseSqlite(db.ResolvedConnectionString, sqlite => sqlite.MigrationsAssembly(typeof(AppDbContext).Assembly.FullName));
        });
        services.AddScoped<Seeding.DemoSeeder>();
        services.AddScoped<Accounts.UserAccounts>();
        return services;
    }
}
