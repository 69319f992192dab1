#import "Common/ShaderLib/GLSLCompat.glsllib"
uniform mat4 g_WorldViewProjectionMatrix;
uniform mat4 g_WorldMatrix;
uniform float m_TexScale;
attribute vec3 inPosition;
attribute vec3 inNormal;
attribute vec2 inTexCoord;
varying vec3 worldPos;
varying vec3 worldNormal;
varying vec2 texCoord;

void main() {
    vec4 p = vec4(inPosition, 1.0);
    worldPos = (g_WorldMatrix * p).xyz;
    worldNormal = (g_WorldMatrix * vec4(inNormal, 0.0)).xyz;
    texCoord = inTexCoord * m_TexScale;
    gl_Position = g_WorldViewProjectionMatrix * p;
}
