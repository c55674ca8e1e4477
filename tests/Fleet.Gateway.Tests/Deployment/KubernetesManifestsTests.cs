using k8s;
using k8s.Models;
using YamlDotNet.RepresentationModel;

namespace Fleet.Gateway.Tests.Deployment;

/// <summary>
/// deploy/kubernetes/ without a cluster: every resource kustomization.yaml lists parses strictly into the Kubernetes
/// API models (an unknown field or a wrong type fails), and the settings that must agree across files do.
/// </summary>
public sealed class KubernetesManifestsTests
{
    private static readonly string Folder = Path.Combine(FindRepositoryRoot(), "deploy", "kubernetes");
    private readonly List<object> _resources = LoadResources();

    // Proves each listed file is valid Kubernetes (strict parse into the typed models) and nothing listed is missing.
    [Fact]
    public void Every_listed_resource_parses_strictly()
    {
        Assert.Contains(_resources, r => r is V1Deployment { Metadata.Name: "fleet-silo" });
        Assert.Contains(_resources, r => r is V1Deployment { Metadata.Name: "fleet-gateway" });
        Assert.Contains(_resources, r => r is V1Service { Metadata.Name: "fleet-gateway" });
        Assert.Contains(_resources, r => r is V1Role);
        Assert.Contains(_resources, r => r is V1RoleBinding);
    }

    // Proves the silo pod gives Orleans' Kubernetes hosting what it reads (labels = env = Fleet ids, pod fields) and
    // that its service account may read and label pods, and nothing more (no delete).
    [Fact]
    public void Silos_use_kubernetes_hosting_with_matching_ids_and_minimal_rbac()
    {
        var silo = Deployment("fleet-silo");
        var container = silo.Spec.Template.Spec.Containers.Single();
        var env = container.Env.ToDictionary(e => e.Name);
        var labels = silo.Spec.Template.Metadata.Labels;

        Assert.Equal("true", env["Fleet__Kubernetes"].Value);
        Assert.Equal("*", env["Fleet__ListenAddress"].Value);
        Assert.Equal(labels["orleans/serviceId"], env["ORLEANS_SERVICE_ID"].Value);
        Assert.Equal(labels["orleans/serviceId"], env["Fleet__ServiceId"].Value);
        Assert.Equal(labels["orleans/clusterId"], env["ORLEANS_CLUSTER_ID"].Value);
        Assert.Equal(labels["orleans/clusterId"], env["Fleet__ClusterId"].Value);
        Assert.Equal("metadata.name", env["POD_NAME"].ValueFrom.FieldRef.FieldPath);
        Assert.Equal("metadata.namespace", env["POD_NAMESPACE"].ValueFrom.FieldRef.FieldPath);
        Assert.Equal("status.podIP", env["POD_IP"].ValueFrom.FieldRef.FieldPath);
        Assert.Equal("fleet-database", env["Fleet__Storage__ConnectionString"].ValueFrom.SecretKeyRef.Name);
        AssertProbes(container, int.Parse(env["Fleet__HealthPort"].Value));

        var binding = _resources.OfType<V1RoleBinding>().Single(b => b.Subjects.Any(s => s.Name == silo.Spec.Template.Spec.ServiceAccountName));
        var role = _resources.OfType<V1Role>().Single(r => r.Metadata.Name == binding.RoleRef.Name);
        var rule = Assert.Single(role.Rules);
        Assert.Equal(["pods"], rule.Resources);
        Assert.Equal(["get", "list", "patch", "watch"], rule.Verbs.Order());
    }

    // Proves gateways sit behind the Service on both ports, with probes, a preStop shorter than the grace period,
    // no API token, and keys and certificate from Secrets.
    [Fact]
    public void Gateways_are_behind_the_service_with_probes_and_a_graceful_stop()
    {
        var gateway = Deployment("fleet-gateway");
        var pod = gateway.Spec.Template.Spec;
        var container = pod.Containers.Single();
        var service = _resources.OfType<V1Service>().Single(s => s.Metadata.Name == "fleet-gateway");

        Assert.All(service.Spec.Selector, s => Assert.Equal(s.Value, gateway.Spec.Template.Metadata.Labels[s.Key]));
        Assert.Equal(["agents", "http"], service.Spec.Ports.Select(p => p.TargetPort.Value).Order());
        Assert.Equal(["agents", "http"], container.Ports.Select(p => p.Name).Order());
        AssertProbes(container, 5080);
        var preStop = container.Lifecycle.PreStop.Exec.Command;
        Assert.Equal("sleep", preStop[0]);
        Assert.True(pod.TerminationGracePeriodSeconds > int.Parse(preStop[1]) + 20);
        Assert.False(pod.AutomountServiceAccountToken);
        var env = container.Env.ToDictionary(e => e.Name);
        Assert.Equal("cluster", env["Fleet__Gateway__Mode"].Value);
        Assert.Equal("fleet-operator", env["Fleet__OperatorKey"].ValueFrom.SecretKeyRef.Name);
        Assert.Contains(pod.Volumes, v => v.Secret?.SecretName == "fleet-gateway-tls");
    }

    private static void AssertProbes(V1Container container, int port)
    {
        Assert.Equal("/healthz", container.LivenessProbe.HttpGet.Path);
        Assert.Equal("/readyz", container.ReadinessProbe.HttpGet.Path);
        var named = container.Ports.Single(p => p.Name == container.ReadinessProbe.HttpGet.Port.Value);
        Assert.Equal(port, named.ContainerPort);
    }

    private V1Deployment Deployment(string name) => _resources.OfType<V1Deployment>().Single(d => d.Metadata.Name == name);

    private static List<object> LoadResources()
    {
        var kustomization = new YamlStream();
        kustomization.Load(new StringReader(File.ReadAllText(Path.Combine(Folder, "kustomization.yaml"))));
        var listed = (YamlSequenceNode)((YamlMappingNode)kustomization.Documents[0].RootNode)["resources"];
        return listed.Select(n => ((YamlScalarNode)n).Value!)
            .SelectMany(file => KubernetesYaml.LoadAllFromString(File.ReadAllText(Path.Combine(Folder, file)), strict: true))
            .ToList();
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Fleet.sln")))
                return directory.FullName;
        throw new InvalidOperationException("Fleet.sln not found above the test binaries.");
    }
}
