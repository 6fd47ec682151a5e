{{/* Full name of the release's objects. */}}
{{- define "integrationhub.fullname" -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels of every object; pass a dict with "root" and "component". */}}
{{- define "integrationhub.labels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/component: {{ .component }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{/* Selector labels; pass a dict with "root" and "component". */}}
{{- define "integrationhub.selector" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* The Secret holding connectionString and keyring.key. */}}
{{- define "integrationhub.secretName" -}}
{{- default (include "integrationhub.fullname" .) .Values.secrets.existingSecret -}}
{{- end -}}

{{/* Image tag of both hosts. */}}
{{- define "integrationhub.tag" -}}
{{- default .Chart.AppVersion .Values.image.tag -}}
{{- end -}}

{{/* Environment of every hub container: settings from the ConfigMap, the connection string and key file from the Secret. */}}
{{- define "integrationhub.env" -}}
- name: ConnectionStrings__Hub
  valueFrom:
    secretKeyRef:
      name: {{ include "integrationhub.secretName" . }}
      key: connectionString
- name: Hub__KeyRing__KeyFile
  value: {{ printf "%s/keyring.key" .Values.keyRing.mountPath | quote }}
{{- end -}}

{{/* ASPNETCORE_URLS of a node: its own port and, with metrics on, the private metrics port; pass a dict with "root" and "port". */}}
{{- define "integrationhub.urls" -}}
{{- if .root.Values.metrics.enabled -}}
{{- printf "http://+:%v;http://+:%v" .port .root.Values.metrics.port -}}
{{- else -}}
{{- printf "http://+:%v" .port -}}
{{- end -}}
{{- end -}}

{{/* Volumes of every hub pod: the key file (read-only) and a writable /tmp. */}}
{{- define "integrationhub.volumes" -}}
- name: keyring
  secret:
    secretName: {{ include "integrationhub.secretName" . }}
    defaultMode: 0440
    items:
      - key: keyring.key
        path: keyring.key
- name: tmp
  emptyDir:
    sizeLimit: {{ .Values.tmpSizeLimit }}
{{- end -}}

{{/* Mounts matching integrationhub.volumes. */}}
{{- define "integrationhub.volumeMounts" -}}
- name: keyring
  mountPath: {{ .Values.keyRing.mountPath }}
  readOnly: true
- name: tmp
  mountPath: /tmp
{{- end -}}

{{/* Security context of every hub container. */}}
{{- define "integrationhub.containerSecurityContext" -}}
readOnlyRootFilesystem: {{ .Values.containerSecurityContext.readOnlyRootFilesystem }}
allowPrivilegeEscalation: {{ .Values.containerSecurityContext.allowPrivilegeEscalation }}
capabilities:
  drop: ["ALL"]
{{- end -}}

{{/* Security context of every hub pod. */}}
{{- define "integrationhub.podSecurityContext" -}}
runAsNonRoot: {{ .Values.podSecurityContext.runAsNonRoot }}
runAsUser: {{ .Values.podSecurityContext.runAsUser }}
runAsGroup: {{ .Values.podSecurityContext.runAsGroup }}
fsGroup: {{ .Values.podSecurityContext.fsGroup }}
seccompProfile:
  type: RuntimeDefault
{{- end -}}
