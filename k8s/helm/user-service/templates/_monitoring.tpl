{{/* The label matchers of the service's own series: monitoring.selector, or the ServiceMonitor's namespace and job */}}
{{- define "user-service.metricsSelector" -}}
{{- if .Values.monitoring.selector }}
{{- .Values.monitoring.selector }}
{{- else }}
{{- printf "namespace=%q, job=%q" .Release.Namespace (include "user-service.fullname" .) }}
{{- end }}
{{- end }}

{{/* The service's pods for kube-state-metrics: the Deployment's, not the migration Job's */}}
{{- define "user-service.podSelector" -}}
{{- $name := include "user-service.fullname" . }}
{{- printf "namespace=%q, pod=~%q, pod!~%q" .Release.Namespace (printf "%s-.*" $name) (printf "%s-migration-.*" $name) }}
{{- end }}
