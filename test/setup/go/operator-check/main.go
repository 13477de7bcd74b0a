// operator-check reads PrometheusRule manifests as a Kubernetes API server with strict field
// validation and the Prometheus Operator would: each file is decoded into the operator's own Go type
// (github.com/prometheus-operator/prometheus-operator/pkg/apis/monitoring/v1.PrometheusRule), with an
// unknown or duplicate field refused and its path named, then its rule groups go through the checks
// the operator runs before it writes them into a Prometheus rule file.
//
// The operator's own validating function lives in its main module (pkg/operator), which pulls in
// client-go and informers and which the Go module proxy here serves only at an old version; so this
// program does what that function does, with the same libraries: the CRD schema's constraints that the
// Go types carry as kubebuilder markers, the fields the operator drops for an older Prometheus, the
// operator's size limit, and Prometheus's rulefmt parser with the name validation scheme the operator
// picks for the Prometheus version (UTF-8 from 3.0.0, legacy names before).
//
// Usage: operator-check [-prometheus-version 2.42.0] file.yaml...
// Prints one line a file: "ok <file>: <groups> groups, <rules> rules", then "warning <file>: …" for
// each field the operator would drop, or "error <file>: …" for each problem; exits 1 on any error.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"regexp"
	"strings"

	"github.com/blang/semver/v4"
	monitoringv1 "github.com/prometheus-operator/prometheus-operator/pkg/apis/monitoring/v1"
	"github.com/prometheus/common/model"
	"github.com/prometheus/prometheus/model/rulefmt"
	"github.com/prometheus/prometheus/promql/parser"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation"
	kjson "sigs.k8s.io/json"
	"sigs.k8s.io/yaml"
)

// The CRD schema's patterns, as the Go types declare them (kubebuilder markers on Duration,
// NonEmptyDuration and RuleGroup.PartialResponseStrategy): the API server refuses other values.
var (
	durationPattern        = regexp.MustCompile(`^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$`)
	partialResponsePattern = regexp.MustCompile(`^(?i)(abort|warn)?$`)
)

// The operator's limit on one rendered rule file: half a Secret's maximum size.
var maxRuleFileSize = int(float64(corev1.MaxSecretSize) * 0.5)

func main() {
	version := flag.String("prometheus-version", "2.42.0", "the Prometheus version the operator is configured for")
	flag.Parse()
	v, err := semver.ParseTolerant(*version)
	if err != nil {
		fmt.Fprintf(os.Stderr, "operator-check: -prometheus-version %q: %v\n", *version, err)
		os.Exit(2)
	}
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: operator-check [-prometheus-version 2.42.0] file.yaml...")
		os.Exit(2)
	}
	failed := false
	for _, file := range flag.Args() {
		groups, rules, warnings, errs := checkFile(file, v)
		for _, w := range warnings {
			fmt.Printf("warning %s: %s\n", file, w)
		}
		for _, e := range errs {
			fmt.Printf("error %s: %s\n", file, oneLine(e.Error()))
		}
		if len(errs) > 0 {
			failed = true
			continue
		}
		fmt.Printf("ok %s: %d groups, %d rules\n", file, groups, rules)
	}
	if failed {
		os.Exit(1)
	}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func checkFile(file string, v semver.Version) (groups, rules int, warnings []string, errs []error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return 0, 0, nil, []error{err}
	}
	obj, errs := decodeStrict(data)
	if len(errs) > 0 {
		return 0, 0, nil, errs
	}
	errs = append(errs, objectErrors(obj)...)
	spec, warnings := sanitize(obj.Spec, v)
	errs = append(errs, validateRules(spec, validationScheme(v))...)
	for _, g := range obj.Spec.Groups {
		rules += len(g.Rules)
	}
	return len(obj.Spec.Groups), rules, warnings, errs
}

// decodeStrict is the API server's strict field validation: YAML with a key given twice is refused,
// then the JSON is decoded case-sensitively into the Go type with unknown and duplicate fields
// refused, each named by its path (spec.groups[0].rules[1].bogus).
func decodeStrict(data []byte) (*monitoringv1.PrometheusRule, []error) {
	if docs := bytes.Count(append([]byte("\n"), data...), []byte("\n---")); docs > 1 {
		return nil, []error{fmt.Errorf("%d YAML documents; one PrometheusRule a file is expected", docs)}
	}
	j, err := yaml.YAMLToJSONStrict(data)
	if err != nil {
		return nil, []error{err}
	}
	var obj monitoringv1.PrometheusRule
	strict, err := kjson.UnmarshalStrict(j, &obj, kjson.DisallowDuplicateFields, kjson.DisallowUnknownFields)
	if err != nil {
		return nil, []error{err}
	}
	if len(strict) > 0 {
		return nil, strict
	}
	return &obj, nil
}

// objectErrors: what the API server refuses before the operator sees the object.
func objectErrors(obj *monitoringv1.PrometheusRule) []error {
	var errs []error
	add := func(field string, problems []string) {
		for _, p := range problems {
			errs = append(errs, fmt.Errorf("%s: %s", field, p))
		}
	}
	want := monitoringv1.SchemeGroupVersion.String()
	if obj.APIVersion != want || obj.Kind != monitoringv1.PrometheusRuleKind {
		errs = append(errs, fmt.Errorf("apiVersion/kind %s/%s: expected %s/%s", obj.APIVersion, obj.Kind, want, monitoringv1.PrometheusRuleKind))
	}
	if obj.Name == "" {
		errs = append(errs, fmt.Errorf("metadata.name: required"))
	}
	add("metadata.name", validation.IsDNS1123Subdomain(obj.Name))
	if obj.Namespace != "" {
		add("metadata.namespace", validation.IsDNS1123Label(obj.Namespace))
	}
	for k, val := range obj.Labels {
		add(fmt.Sprintf("metadata.labels[%s]", k), validation.IsQualifiedName(k))
		add(fmt.Sprintf("metadata.labels[%s]", k), validation.IsValidLabelValue(val))
	}
	seen := map[string]bool{}
	for i, g := range obj.Spec.Groups {
		at := fmt.Sprintf("spec.groups[%d]", i)
		if g.Name == "" {
			errs = append(errs, fmt.Errorf("%s.name: required", at))
		}
		if seen[g.Name] {
			// listType=map, listMapKey=name
			errs = append(errs, fmt.Errorf("%s.name: duplicate group %q", at, g.Name))
		}
		seen[g.Name] = true
		duration(&errs, at+".interval", (*string)(g.Interval), false)
		duration(&errs, at+".query_offset", (*string)(g.QueryOffset), false)
		if !partialResponsePattern.MatchString(g.PartialResponseStrategy) {
			errs = append(errs, fmt.Errorf("%s.partial_response_strategy: %q is not abort or warn", at, g.PartialResponseStrategy))
		}
		for j, r := range g.Rules {
			rat := fmt.Sprintf("%s.rules[%d]", at, j)
			duration(&errs, rat+".for", (*string)(r.For), false)
			duration(&errs, rat+".keep_firing_for", (*string)(r.KeepFiringFor), true)
		}
	}
	return errs
}

func duration(errs *[]error, field string, value *string, nonEmpty bool) {
	if value == nil {
		return
	}
	if (nonEmpty && *value == "") || !durationPattern.MatchString(*value) {
		*errs = append(*errs, fmt.Errorf("%s: %q is not a duration such as 30s, 5m or 1h30m", field, *value))
	}
}

// sanitize drops what the operator drops for an older Prometheus, saying so as the operator's log does.
func sanitize(spec monitoringv1.PrometheusRuleSpec, v semver.Version) (monitoringv1.PrometheusRuleSpec, []string) {
	spec = *spec.DeepCopy()
	var warnings []string
	below := func(min string) bool { return v.LT(semver.MustParse(min)) }
	for i := range spec.Groups {
		g := &spec.Groups[i]
		if g.Limit != nil && below("2.31.0") {
			g.Limit = nil
			warnings = append(warnings, fmt.Sprintf("spec.groups[%d].limit is dropped by the operator for Prometheus < 2.31.0", i))
		}
		if g.QueryOffset != nil && below("2.53.0") {
			g.QueryOffset = nil
			warnings = append(warnings, fmt.Sprintf("spec.groups[%d].query_offset is dropped by the operator for Prometheus < 2.53.0", i))
		}
		if len(g.Labels) > 0 && below("3.0.0") {
			g.Labels = nil
			warnings = append(warnings, fmt.Sprintf("spec.groups[%d].labels are dropped by the operator for Prometheus < 3.0.0", i))
		}
		g.PartialResponseStrategy = ""
		if g.Interval != nil && *g.Interval == "" {
			g.Interval = nil
		}
		for j := range g.Rules {
			r := &g.Rules[j]
			if r.KeepFiringFor != nil && below("2.42.0") {
				r.KeepFiringFor = nil
				warnings = append(warnings, fmt.Sprintf("spec.groups[%d].rules[%d].keep_firing_for is dropped by the operator for Prometheus < 2.42.0", i, j))
			}
			if r.For != nil && *r.For == "" {
				r.For = nil
			}
		}
	}
	return spec, warnings
}

// validationScheme: the operator accepts UTF-8 metric and label names for Prometheus 3 only.
func validationScheme(v semver.Version) model.ValidationScheme {
	if v.GTE(semver.MustParse("3.0.0")) {
		return model.UTF8Validation
	}
	return model.LegacyValidation
}

// validateRules renders the groups as the operator writes them for Prometheus and parses them with
// Prometheus's own rule file parser, unknown fields refused.
func validateRules(spec monitoringv1.PrometheusRuleSpec, scheme model.ValidationScheme) []error {
	content, err := yaml.Marshal(spec)
	if err != nil {
		return []error{fmt.Errorf("rendering the rule file: %w", err)}
	}
	if len(content) > maxRuleFileSize {
		return []error{fmt.Errorf("the rendered rule file is %d bytes, above the operator's limit of %d", len(content), maxRuleFileSize)}
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	_, errs := rulefmt.Parse(content, false, scheme, parser.NewParser(parser.Options{}), logger)
	return errs
}
