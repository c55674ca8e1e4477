using Fleet.Grains.Hosting;
using Fleet.Hosting;
using Fleet.Hosting.Health;
using Fleet.Hosting.Logging;
using Fleet.Hosting.Telemetry;
using Fleet.Silo.Logging;

// Cluster mode: one silo process (start as many as needed). It serves only /healthz and /readyz over HTTP
// (Fleet:HealthPort), on Fleet:ListenAddress (loopback unless set). In embedded mode there is no silo process: the gateway co-hosts one.
var builder = WebApplication.CreateBuilder(ConsoleLoggingExtensions.WithoutVerboseFlag(args));
builder.AddFleetConsoleLogging(args);
builder.Services.AddHostedService<SiloStartupBanner>();
builder.AddFleetSilo();
builder.AddFleetTelemetry("fleet-silo");
var listen = SiloListenAddress.Resolve(builder.Configuration.GetSection(FleetOptions.Section).Get<FleetOptions>() ?? new FleetOptions());
builder.WebHost.UseUrls(listen.HealthUrl(builder.Configuration.GetValue("Fleet:HealthPort", 8080)));

var app = builder.Build();
app.MapHealthEndpoints();
app.MapSiloMetrics();
app.Run();
